/**
 * A memo for pure functions of short text that a file repeats on every row (dates, field names,
 * codes, hotel names): a 100,000-row file has a few hundred distinct values of each. Bounded: when
 * full it starts again, so a file of all-distinct values costs a clear() now and then, not memory.
 */
export function memoByText<T>(fn: (text: string) => T, limit = 10_000): (text: string) => T {
  const memo = new Map<string, T>()
  return (text) => {
    let v = memo.get(text)
    if (v === undefined && !memo.has(text)) {
      v = fn(text)
      if (memo.size >= limit) memo.clear()
      memo.set(text, v)
    }
    return v as T
  }
}
