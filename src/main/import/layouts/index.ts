import { douyinClassic, douyinNewer, douyinPerformance } from './douyin';
import { jdDaily, jdDetail, jdMofangSales, jdPromotedOrders } from './jd';
import { kuaishouAssessment, kuaishouAssessmentDims, kuaishouSatisfaction } from './kuaishou';
import {
  chituReport,
  qianniuByAgent,
  qianniuCapability,
  qianniuPerformance,
  sycmRating,
  taobaoReception,
} from './taobao';
import type { LayoutDef } from './types';
import { EVENT_LAYOUTS } from './events';

/** Every detected per-agent layout (imports.md §2). */
export const LAYOUTS: LayoutDef[] = [
  douyinClassic,
  douyinNewer,
  douyinPerformance,
  kuaishouAssessment,
  kuaishouAssessmentDims,
  kuaishouSatisfaction,
  jdDetail,
  jdDaily,
  jdPromotedOrders,
  jdMofangSales,
  taobaoReception,
  qianniuPerformance,
  qianniuByAgent,
  qianniuCapability,
  sycmRating,
  chituReport,
  ...EVENT_LAYOUTS,
];

export function layoutById(id: string): LayoutDef | undefined {
  return LAYOUTS.find((l) => l.id === id);
}
