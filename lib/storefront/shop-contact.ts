/**
 * How a customer reaches the shop: its address with map search links (plain links to the map
 * sites' search pages, nothing embedded), a tap-to-call number and the opening hours as written.
 */
export type ShopContact = { name: string; address: string | null; phone: string | null; openingHours: string | null };

/** Naver and Kakao map searches for the address: the two maps Korean phones have. */
export function mapSearchLinks(address: string): { naver: string; kakao: string } {
  const q = encodeURIComponent(address.trim());
  return { naver: `https://map.naver.com/p/search/${q}`, kakao: `https://map.kakao.com/link/search/${q}` };
}

/** `02-123-4567` → `tel:021234567` (digits and a leading +, as dialers expect). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

export function shopContactOf(settings: ShopContact): ShopContact {
  return { name: settings.name, address: settings.address, phone: settings.phone, openingHours: settings.openingHours };
}
