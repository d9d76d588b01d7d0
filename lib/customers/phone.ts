// Phone numbers are validated in a leaf module any domain may use; re-exported for the customer domain.
export * from "@/lib/validation/phone";
