import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { clientAddressOf } from "@/lib/web/request";
import { authSecret } from "@/lib/config/paths";
import type { Role } from "./permissions";
import { createSession, revokeSession } from "./sessions";
import { cookieFrom } from "@/lib/web/cookies";
import { checkSignIn, DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S } from "./sign-in";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; sid?: string } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
    sid?: string;
  }
}

/** Too many attempts: the sign-in form says "try again in a few minutes" for this code. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 14 * 24 * 3600 },
  pages: { signIn: "/login" },
  // A wrong password is an answer, not a server fault: no stack trace per guess in the log.
  logger: {
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      // Every credential check, from /login or straight to /api/auth/callback/credentials,
      // passes the throttle here.
      async authorize(credentials, request) {
        const db = getDb();
        const secret = authSecret();
        const result = await checkSignIn({
          db,
          email: String(credentials?.email ?? ""),
          password: String(credentials?.password ?? ""),
          client: clientAddressOf(request.headers),
          deviceCookie: cookieFrom(request.headers.get("cookie"), DEVICE_COOKIE),
          secret,
        });
        if (!result.ok) {
          if (result.reason === "throttled") throw new SignInThrottled();
          return null;
        }
        (await cookies()).set(DEVICE_COOKIE, result.deviceCookie, {
          httpOnly: true,
          sameSite: "lax",
          path: "/",
          maxAge: DEVICE_COOKIE_MAX_AGE_S,
          secure: new URL(request.url).protocol === "https:",
        });
        const { user } = result;
        return { id: String(user.id), email: user.email, name: user.name, role: user.role, sid: createSession({ db, userId: user.id }) };
      },
    }),
  ],
  callbacks: {
    // Only this site's own pages: a callbackUrl naming another host lands on the admin home
    // instead of leaving the site (an open redirect) or failing.
    redirect({ url, baseUrl }) {
      try {
        const target = new URL(url, baseUrl);
        return target.origin === new URL(baseUrl).origin ? target.toString() : `${baseUrl}/admin`;
      } catch {
        return `${baseUrl}/admin`;
      }
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sid = user.sid;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid ?? "");
      session.user.role = token.role as Role;
      session.user.sid = token.sid as string | undefined;
      return session;
    },
  },
  events: {
    // Sign-out from the form or straight to /api/auth/signout ends the session server-side.
    signOut(message) {
      if ("token" in message && message.token) revokeSession({ db: getDb(), id: message.token.sid });
    },
  },
});
