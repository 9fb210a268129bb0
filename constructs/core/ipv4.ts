/**
 * Tiny IPv4 CIDR arithmetic for address-plan validation. Addresses are unsigned 32-bit numbers;
 * plain arithmetic (not bitwise operators) keeps them unsigned.
 */

/** A parsed CIDR block. */
export interface Ipv4Block {
  /** The address as written (may have host bits set). */
  readonly address: number;
  readonly prefixLength: number;
  /** First address of the block (host bits cleared). */
  readonly start: number;
  /** Last address of the block. */
  readonly end: number;
}

const OCTET = "(0|[1-9]\\d{0,2})";
// No leading zeros: "010" reads as octal in some tools.
const CIDR = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}\\/(0|[1-9]\\d?)$`);

/** Parses `a.b.c.d/n`; `undefined` when the text is not an IPv4 CIDR. */
export function parseCidr(cidr: string): Ipv4Block | undefined {
  const m = CIDR.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefixLength = Number(m[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefixLength);
  const start = Math.floor(address / size) * size;
  return { address, prefixLength, start, end: start + size - 1 };
}

/** True for a dotted-quad IPv4 address (no prefix length, no leading zeros). */
export function isIpv4Address(value: string): boolean {
  return parseCidr(`${value}/32`) !== undefined;
}

/** True when `cidr` is a valid IPv4 CIDR whose host bits are zero (a network address). */
export function isNetworkCidr(cidr: string): boolean {
  const block = parseCidr(cidr);
  return block !== undefined && block.address === block.start;
}

/** The network form of `cidr` (host bits cleared), e.g. `10.0.0.1/16` → `10.0.0.0/16`. */
export function networkCidr(cidr: string): string {
  const block = mustParse(cidr);
  return `${formatIpv4(block.start)}/${block.prefixLength}`;
}

/** Dotted-quad form of an address number. */
export function formatIpv4(address: number): string {
  const octets: number[] = [];
  for (let i = 3; i >= 0; i--) octets.push(Math.floor(address / 256 ** i) % 256);
  return octets.join(".");
}

/** True when every address of `inner` lies in `outer`. */
export function contains(outer: string, inner: string): boolean {
  const o = mustParse(outer);
  const i = mustParse(inner);
  return i.start >= o.start && i.end <= o.end;
}

/** True when the two blocks share at least one address. */
export function overlaps(a: string, b: string): boolean {
  const x = mustParse(a);
  const y = mustParse(b);
  return x.start <= y.end && y.start <= x.end;
}

/** The `index`-th block of length `newPrefixLength` inside `cidr`, e.g. (`10.0.0.0/16`, 24, 1) → `10.0.1.0/24`. */
export function subnet(cidr: string, newPrefixLength: number, index: number): string {
  const block = mustParse(cidr);
  if (!Number.isInteger(newPrefixLength) || newPrefixLength < block.prefixLength || newPrefixLength > 32) {
    throw new RangeError(`prefix length ${newPrefixLength} does not fit in ${cidr}`);
  }
  const count = 2 ** (newPrefixLength - block.prefixLength);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`${cidr} has ${count} /${newPrefixLength} blocks; index ${index} is out of range`);
  }
  return `${formatIpv4(block.start + index * 2 ** (32 - newPrefixLength))}/${newPrefixLength}`;
}

function mustParse(cidr: string): Ipv4Block {
  const block = parseCidr(cidr);
  if (!block) throw new RangeError(`"${cidr}" is not an IPv4 CIDR`);
  return block;
}
