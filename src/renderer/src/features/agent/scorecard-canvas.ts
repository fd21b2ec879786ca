/**
 * The shareable scorecard drawn with the canvas 2D API (no DOM-to-image library is bundled): the layout a lead
 * pastes into WeChat/钉钉, 750 px wide, from the same content as the card on the page (scorecardModel).
 */
import type { ScorecardModel } from '../../../../shared/agent-page';

export const CARD_WIDTH = 750;
const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';
const BLUE = '#1f5fd1';
const PASS = '#12b76a';
const FAIL = '#d92d20';
const TEXT = '#101828';
const MUTED = '#667085';
const ROW_H = 64;

function roundRect(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  g.beginPath();
  g.moveTo(x + r, y);
  g.arcTo(x + w, y, x + w, y + h, r);
  g.arcTo(x + w, y + h, x, y + h, r);
  g.arcTo(x, y + h, x, y, r);
  g.arcTo(x, y, x + w, y, r);
  g.closePath();
}

export function cardHeight(model: ScorecardModel): number {
  // header and score block (370), the metric rows, then room for the footer line
  return 370 + Math.max(1, model.metrics.length) * ROW_H + 100;
}

/** Draws the card on a new canvas of CARD_WIDTH × cardHeight(model) pixels. */
export function drawScorecard(model: ScorecardModel, doc: Document = document): HTMLCanvasElement {
  const canvas = doc.createElement('canvas');
  const w = CARD_WIDTH;
  const h = cardHeight(model);
  canvas.width = w;
  canvas.height = h;
  const g = canvas.getContext('2d');
  if (!g) return canvas;
  g.fillStyle = '#f2f4f7';
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#ffffff';
  roundRect(g, 24, 24, w - 48, h - 48, 20);
  g.fill();

  // the header band: name, team · platforms, month
  g.save();
  roundRect(g, 24, 24, w - 48, 146, 20);
  g.clip();
  g.fillStyle = BLUE;
  g.fillRect(24, 24, w - 48, 146);
  g.restore();
  g.fillStyle = '#ffffff';
  g.textBaseline = 'alphabetic';
  g.font = `600 40px ${FONT}`;
  g.fillText(model.title, 60, 94);
  g.font = `22px ${FONT}`;
  g.fillText(model.subtitle, 60, 136);
  g.textAlign = 'right';
  g.font = `600 24px ${FONT}`;
  g.fillText(model.month, w - 60, 92);
  g.font = `18px ${FONT}`;
  g.fillText('月度绩效成绩卡', w - 60, 134);
  g.textAlign = 'left';

  // the score: final, grade, rank
  const top = 200;
  g.fillStyle = MUTED;
  g.font = `20px ${FONT}`;
  g.fillText('综合得分', 60, top + 20);
  g.fillStyle = TEXT;
  g.font = `700 64px ${FONT}`;
  g.fillText(model.final, 60, top + 96);
  const finalW = g.measureText(model.final).width;
  if (model.grade) {
    const gx = 60 + finalW + 20;
    g.fillStyle = '#eef4ff';
    roundRect(g, gx, top + 44, 64, 52, 12);
    g.fill();
    g.fillStyle = BLUE;
    g.font = `700 32px ${FONT}`;
    g.textAlign = 'center';
    g.fillText(model.grade, gx + 32, top + 82);
    g.textAlign = 'left';
  }
  g.textAlign = 'right';
  g.fillStyle = MUTED;
  g.font = `20px ${FONT}`;
  g.fillText('团队名次', w - 60, top + 20);
  g.fillStyle = TEXT;
  g.font = `700 44px ${FONT}`;
  g.fillText(model.rank, w - 60, top + 90);
  if (model.scheme) {
    g.fillStyle = MUTED;
    g.font = `18px ${FONT}`;
    g.fillText(model.scheme, w - 60, top + 126);
  }
  g.textAlign = 'left';
  g.fillStyle = '#eaecf0';
  g.fillRect(60, top + 146, w - 120, 2);

  // the metrics with their thresholds, failing ones first
  let y = top + 170;
  if (!model.metrics.length) {
    g.fillStyle = MUTED;
    g.font = `20px ${FONT}`;
    g.fillText('本月没有设考核线的指标', 60, y + 38);
  }
  for (const m of model.metrics) {
    g.fillStyle = TEXT;
    g.font = `22px ${FONT}`;
    g.fillText(m.label, 60, y + 28);
    if (m.threshold) {
      g.fillStyle = MUTED;
      g.font = `16px ${FONT}`;
      g.fillText(`考核线 ${m.threshold}`, 60, y + 52);
    }
    const color = m.pass === false ? FAIL : m.pass ? PASS : TEXT;
    g.textAlign = 'right';
    g.fillStyle = color;
    g.font = `600 18px ${FONT}`;
    const mark = m.pass === false ? '未达标' : m.pass ? '达标' : '';
    g.fillText(mark, w - 60, y + 38);
    const markW = mark ? g.measureText(mark).width + 18 : 0;
    g.font = `600 26px ${FONT}`;
    g.fillText(m.value, w - 60 - markW, y + 40);
    g.textAlign = 'left';
    g.fillStyle = '#f2f4f7';
    g.fillRect(60, y + ROW_H - 2, w - 120, 1);
    y += ROW_H;
  }

  g.fillStyle = '#98a2b3';
  g.font = `16px ${FONT}`;
  g.textAlign = 'center';
  g.fillText(model.footer, w / 2, h - 52);
  g.textAlign = 'left';
  return canvas;
}

/** The card as PNG bytes. */
export function scorecardPng(model: ScorecardModel): Promise<Uint8Array> {
  const canvas = drawScorecard(model);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new Error('无法生成图片'));
        return;
      }
      void blob.arrayBuffer().then((b) => resolve(new Uint8Array(b)), reject);
    }, 'image/png');
  });
}
