import { Address } from './address';
import { Party } from './party';

// Masks work on code points, not UTF-16 units, so a Chinese or emoji name is never cut in half.

/** "胡轩" -> "胡*", "John Smith" -> "J*": the first character says enough for customer service. */
export function maskName(name: string): string {
  const characters = Array.from(name);
  return characters.length <= 1 ? '*' : `${characters[0]}*`;
}

/** Keeps the last 4 digits ("13512345678" -> "*******5678"), the part customers quote on the phone. */
export function maskPhone(phone: string): string {
  return keepEnds(phone, 0, 4);
}

/** Keeps the first and last character ("110101199003071234" -> "1****************4"). */
export function maskIdNumber(idNumber: string): string {
  return keepEnds(idNumber, 1, 1);
}

/** "alice@example.com" -> "a***@example.com": the domain helps diagnose delivery, the mailbox is private. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${Array.from(email.slice(0, at))[0]}***${email.slice(at)}`;
}

/** The same party with every PII field masked; region, city and postcode stay readable for routing questions. */
export function maskParty(party: Party): Party {
  return {
    ...party,
    name: maskName(party.name),
    ...(party.phone === undefined ? {} : { phone: maskPhone(party.phone) }),
    ...(party.mobile === undefined ? {} : { mobile: maskPhone(party.mobile) }),
    ...(party.email === undefined ? {} : { email: maskEmail(party.email) }),
    ...(party.idNumber === undefined ? {} : { idNumber: maskIdNumber(party.idNumber) }),
    address: maskAddress(party.address),
  };
}

function maskAddress(address: Address): Address {
  return {
    ...address,
    ...(address.street === undefined ? {} : { street: '***' }),
    ...(address.addressLine2 === undefined ? {} : { addressLine2: '***' }),
  };
}

// A value too short to keep its ends without revealing everything is masked whole.
function keepEnds(value: string, head: number, tail: number): string {
  const characters = Array.from(value);
  if (characters.length <= head + tail) return '*'.repeat(characters.length);
  return [...characters.slice(0, head), '*'.repeat(characters.length - head - tail), ...characters.slice(characters.length - tail)].join(
    '',
  );
}
