/**
 * Runs before every route: refuses malformed server action requests with a 4xx (see
 * lib/http/server-actions.ts) instead of letting Next answer them with a 500.
 */
import { NextResponse, type NextRequest } from "next/server";
import { serverActionProblem } from "@/lib/http/server-actions";

export function proxy(request: NextRequest) {
  const problem = serverActionProblem({ method: request.method, headers: request.headers });
  if (problem) return NextResponse.json({ error: { code: problem.code, message: problem.message } }, { status: problem.status });
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
