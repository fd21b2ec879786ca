/**
 * The column order of a sheet preview: the frozen first columns (排名, 姓名), then the pinned ones (最终得分, 等级)
 * that the lead must see without scrolling sideways, then the rest in the sheet's order. The xlsx keeps its own order.
 */
export function previewOrder(
  header: readonly string[],
  fixedLeft: number,
  pinned: readonly string[],
): { order: number[]; frozen: number } {
  const all = header.map((_, c) => c);
  const pins = pinned.map((h) => header.indexOf(h)).filter((c) => c >= fixedLeft);
  return {
    order: [...all.slice(0, fixedLeft), ...pins, ...all.filter((c) => c >= fixedLeft && !pins.includes(c))],
    frozen: Math.min(fixedLeft, header.length) + pins.length,
  };
}
