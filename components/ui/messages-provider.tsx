import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages, type MessagePath } from "@/i18n/messages";

/** Hands client components the messages of one part of the app (namespaces or parts of them), and no more. */
export async function MessagesProvider({ namespaces, children }: { namespaces: readonly MessagePath[]; children: React.ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
