import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages, type NAMESPACES } from "@/i18n/messages";

/** Hands client components the message namespaces of one part of the app, and no more. */
export async function MessagesProvider({
  namespaces,
  children,
}: {
  namespaces: readonly (typeof NAMESPACES)[number][];
  children: React.ReactNode;
}) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
