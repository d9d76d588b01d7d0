import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/config/paths";
import type { Role } from "./permissions";
import { authenticate, passwordVersion } from "./users";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; pwv?: string } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
    pwv?: string;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 14 * 24 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize(credentials) {
        const user = authenticate({ db: getDb(), email: String(credentials?.email ?? ""), password: String(credentials?.password ?? "") });
        return user ? { id: String(user.id), email: user.email, name: user.name, role: user.role, pwv: passwordVersion({ db: getDb(), id: user.id }) ?? "" } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.pwv = user.pwv;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid ?? "");
      session.user.role = token.role as Role;
      session.user.pwv = token.pwv as string | undefined;
      return session;
    },
  },
});
