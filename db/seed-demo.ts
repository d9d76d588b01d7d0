/** The demo bakery, for the CLI (`seed-demo`), sign-up's demo box and the bench: it lives in `lib/demo/`. */
export { seedDemo } from "@/lib/demo/seed";
