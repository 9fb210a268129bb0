/** The candidate `value` most plausibly meant: the only one containing it, or the closest typo (edit distance). */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  const containing = candidates.filter((c) => c.toLowerCase().includes(lower));
  if (lower.length >= 4 && containing.length === 1) return containing[0];
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(value.length / 4)) ? best.candidate : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** ` (did you mean "x"?)` when a candidate is close to `value`, else "". */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const guess = closest(value, candidates);
  return guess === undefined ? "" : ` (did you mean "${guess}"?)`;
}
