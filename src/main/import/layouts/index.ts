import { douyinClassic, douyinNewer } from './douyin';
import { jdDaily, jdDetail } from './jd';
import { kuaishouAssessment, kuaishouSatisfaction } from './kuaishou';
import { chituReport, qianniuByAgent, qianniuCapability, sycmRating, taobaoReception } from './taobao';
import type { LayoutDef } from './types';
import { EVENT_LAYOUTS } from './events';

/** Every detected per-agent layout (imports.md §2). */
export const LAYOUTS: LayoutDef[] = [
  douyinClassic,
  douyinNewer,
  kuaishouAssessment,
  kuaishouSatisfaction,
  jdDetail,
  jdDaily,
  taobaoReception,
  qianniuByAgent,
  qianniuCapability,
  sycmRating,
  chituReport,
  ...EVENT_LAYOUTS,
];

export function layoutById(id: string): LayoutDef | undefined {
  return LAYOUTS.find((l) => l.id === id);
}
