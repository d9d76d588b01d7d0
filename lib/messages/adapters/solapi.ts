/**
 * SMS and KakaoTalk 알림톡 through SOLAPI's HTTP API (`POST /messages/v4/send-many/detail`,
 * HMAC-SHA256 authorisation). A template with a registered 알림톡 template id goes as 알림톡,
 * and SOLAPI falls back to SMS/LMS with the same text when KakaoTalk cannot deliver it
 * (`disableSms: false`); anything else — advertising included, which 알림톡 does not allow —
 * goes as SMS/LMS (SOLAPI picks by length).
 *
 * Configuration: SOLAPI_API_KEY, SOLAPI_API_SECRET, SOLAPI_SENDER (a registered sender number),
 * optional SOLAPI_PF_ID (KakaoTalk channel) with SOLAPI_KAKAO_TEMPLATES (JSON
 * `{"order_ready": "KA01TP…"}`), SOLAPI_API_BASE (default https://api.solapi.com).
 */
import crypto from "node:crypto";

export type SolapiConfig = {
  apiKey: string;
  apiSecret: string;
  sender: string;
  pfId: string | null;
  kakaoTemplates: Record<string, string>;
  baseUrl: string;
};

export function solapiConfig(env: NodeJS.ProcessEnv = process.env): SolapiConfig | null {
  if (!env.SOLAPI_API_KEY || !env.SOLAPI_API_SECRET || !env.SOLAPI_SENDER) return null;
  let kakaoTemplates: Record<string, string> = {};
  try {
    kakaoTemplates = env.SOLAPI_KAKAO_TEMPLATES ? (JSON.parse(env.SOLAPI_KAKAO_TEMPLATES) as Record<string, string>) : {};
  } catch {
    console.error("SOLAPI_KAKAO_TEMPLATES is not JSON; sending SMS only.");
  }
  return {
    apiKey: env.SOLAPI_API_KEY,
    apiSecret: env.SOLAPI_API_SECRET,
    sender: env.SOLAPI_SENDER.replace(/\D/g, ""),
    pfId: env.SOLAPI_PF_ID || null,
    kakaoTemplates,
    baseUrl: (env.SOLAPI_API_BASE || "https://api.solapi.com").replace(/\/+$/, ""),
  };
}

/** `HMAC-SHA256 apiKey=…, date=…, salt=…, signature=hex(HMAC(secret, date + salt))`. */
export function solapiAuthorization(
  apiKey: string,
  apiSecret: string,
  date = new Date().toISOString(),
  salt = crypto.randomBytes(16).toString("hex"),
): string {
  const signature = crypto
    .createHmac("sha256", apiSecret)
    .update(date + salt)
    .digest("hex");
  return `HMAC-SHA256 apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${signature}`;
}

export type SolapiResult =
  { ok: true; channel: "solapi_ata" | "solapi_sms"; statusCode: number } | { ok: false; statusCode: number | null; error: string };

export async function sendSolapi(
  config: SolapiConfig,
  message: { to: string; text: string; template: string; marketing: boolean },
): Promise<SolapiResult> {
  const templateId = !message.marketing && config.pfId ? config.kakaoTemplates[message.template] : undefined;
  const body = {
    messages: [
      templateId
        ? {
            to: message.to,
            from: config.sender,
            text: message.text,
            type: "ATA",
            kakaoOptions: { pfId: config.pfId, templateId, disableSms: false },
          }
        : { to: message.to, from: config.sender, text: message.text },
    ],
  };
  try {
    const res = await fetch(`${config.baseUrl}/messages/v4/send-many/detail`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: solapiAuthorization(config.apiKey, config.apiSecret) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) return { ok: false, statusCode: res.status, error: `SOLAPI ${res.status}: ${text.slice(0, 200)}` };
    const answer = JSON.parse(text || "{}") as { failedMessageList?: { statusCode?: string; statusMessage?: string }[] };
    const failed = answer.failedMessageList ?? [];
    if (failed.length)
      return {
        ok: false,
        statusCode: res.status,
        error: `SOLAPI: ${failed[0].statusCode ?? ""} ${failed[0].statusMessage ?? "rejected"}`.trim(),
      };
    return { ok: true, channel: templateId ? "solapi_ata" : "solapi_sms", statusCode: res.status };
  } catch (e) {
    return { ok: false, statusCode: null, error: `SOLAPI: ${(e as Error).message}` };
  }
}
