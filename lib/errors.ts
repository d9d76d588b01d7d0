/**
 * One error type for every rule that says no. The code maps once to an HTTP status (API)
 * and once to a Korean sentence (UI); `fields` names what to fix, per input field.
 */
import { z } from "zod";

// Zod's own wording (a missing object, a wrong type: shapes no schema words itself) in Korean
// too, so neither a form nor an API error ever shows "Invalid input: expected …".
z.config(z.locales.ko());

export const ERROR_CODES = {
  bad_request: { status: 400, message: "입력한 내용을 다시 확인해 주세요." },
  validation: { status: 400, message: "입력한 내용을 다시 확인해 주세요." },
  unauthorized: { status: 401, message: "로그인이 필요해요." },
  invalid_api_key: { status: 401, message: "API 키가 없거나 올바르지 않아요." },
  forbidden: { status: 403, message: "이 작업을 할 권한이 없어요." },
  not_found: { status: 404, message: "찾을 수 없어요." },
  unsupported_media_type: { status: 415, message: "본문은 JSON(Content-Type: application/json)으로 보내 주세요." },
  sold_out: { status: 409, message: "준비된 수량이 모자라요." },
  slot_full: { status: 409, message: "선택한 픽업 시간이 마감되었어요." },
  conflict: { status: 409, message: "다른 변경과 겹쳤어요. 새로고침 후 다시 시도해 주세요." },
  idempotency_conflict: { status: 409, message: "같은 요청 키가 다른 내용으로 이미 쓰였어요." },
  rack_slot_taken: { status: 409, message: "그 랙 칸은 이미 다른 주문이 쓰고 있어요." },
  rack_full: { status: 409, message: "빈 랙 칸이 없어요." },
  not_open_yet: { status: 422, message: "아직 주문을 받기 전이에요." },
  cutoff_passed: { status: 422, message: "주문 마감 시간이 지났어요." },
  closed_day: { status: 422, message: "그날은 쉬는 날이에요." },
  not_offered: { status: 422, message: "그날은 준비하지 않는 상품이에요." },
  notice_too_short: { status: 422, message: "이 상품은 더 일찍 주문해야 해요." },
  invalid_transition: { status: 422, message: "지금 상태에서는 할 수 없는 변경이에요." },
  payment_method_required: { status: 422, message: "결제 수단(카드·현금·계좌이체)을 골라 주세요." },
  no_show_too_early: { status: 422, message: "픽업 시간이 끝나야 노쇼로 처리할 수 있어요." },
  check_in_not_open: { status: 422, message: "아직 도착 알림을 보낼 수 없어요." },
  insufficient_points: { status: 422, message: "포인트 잔액이 모자라요." },
  already_set_up: { status: 422, message: "이미 가게가 만들어졌어요." },
  rate_limited: { status: 429, message: "요청이 너무 많아요. 잠시 후 다시 시도해 주세요." },
  internal: { status: 500, message: "잠시 문제가 생겼어요. 다시 시도해 주세요." },
  /** The database file is missing, damaged or not writable: the details go to the server log only. */
  database_unavailable: { status: 503, message: "지금은 가게 데이터를 열 수 없어요. 가게에 알려 주세요." },
  /** The database file was replaced (a restore) during the request: nothing was saved. */
  database_replaced: { status: 503, message: "가게 데이터가 방금 바뀌어 저장하지 못했어요. 다시 시도해 주세요." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, opts: { fields?: FieldErrors; details?: Record<string, unknown> } = {}) {
    super(message ?? ERROR_CODES[code].message);
    this.name = "AppError";
    this.code = code;
    this.fields = opts.fields;
    this.details = opts.details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Turn a zod error into per-field Korean messages keyed by the dotted path. */
export function fieldErrorsFromZod(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}
