/**
 * JSON Schema string semantics the OSpec schema relies on, written to agree with ajv +
 * ajv-formats ("full" mode), the reference validator: lengths count Unicode code points,
 * not UTF-16 units, and `email` / `date-time` follow ajv-formats' definitions.
 */

/** String length as JSON Schema counts it (a surrogate pair is one character). */
export function codePointLength(value: string): number {
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    length += 1;
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
  }
  return length;
}

const email =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export function isEmail(value: string): boolean {
  return email.test(value);
}

const fullDate = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const daysInMonth = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const time = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function isFullDate(value: string): boolean {
  const match = fullDate.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : daysInMonth[month]!);
}

function isTimeWithZone(value: string): boolean {
  const match = time.exec(value);
  if (!match) return false;
  const [, hours, minutes, seconds, zone, sign, zoneHours, zoneMinutes] = match;
  const hr = Number(hours);
  const min = Number(minutes);
  const sec = Number(seconds);
  const tzH = Number(zoneHours ?? 0);
  const tzM = Number(zoneMinutes ?? 0);
  if (tzH > 23 || tzM > 59 || !zone) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  // A leap second is allowed only at 23:59 UTC.
  const tzSign = sign === "-" ? -1 : 1;
  const utcMin = min - tzM * tzSign;
  const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}

/** RFC 3339 date-time with a required offset, e.g. `2024-01-15T10:00:00Z`. */
export function isDateTime(value: string): boolean {
  const parts = value.split(/t|\s/i);
  return parts.length === 2 && isFullDate(parts[0]!) && isTimeWithZone(parts[1]!);
}
