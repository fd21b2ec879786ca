import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { hrefOf } from '../../app/router';
import { AgentPage } from './AgentPage';
import { useAgentRoute } from './agent-route';

/** `#/agent/<id>?month=…` → the page; a new id or month remounts it (no stale chart selection). */
export function AgentRoute(): ReactNode {
  const r = useAgentRoute();
  if (!r)
    return (
      <Alert
        type="warning"
        showIcon
        title="地址里没有客服编号"
        description={<a href={hrefOf('scorecards')}>返回客服列表，点客服的名字打开个人页</a>}
      />
    );
  return <AgentPage key={`${r.id}|${r.month ?? ''}`} agentId={r.id} month={r.month} />;
}
