/** A platform as the lead knows it: 抖音, 快手, 京东 or 淘宝 on the platform's colour, the same on every screen. */
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import type { Platform } from '../../../shared/domain';
import { PLATFORM_COLOR, platformZh } from './format';

/** `tight`: no gap after the tag (beside a name in a card title or a table cell's line). */
export function PlatformTag({ platform, tight }: { platform: Platform; tight?: boolean }): ReactNode {
  return (
    <Tag color={PLATFORM_COLOR[platform]} style={tight ? { marginInlineEnd: 0 } : undefined}>
      {platformZh(platform)}
    </Tag>
  );
}
