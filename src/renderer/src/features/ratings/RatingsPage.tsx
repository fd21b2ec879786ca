/**
 * 中差评 (product.md screen 3; metrics.md §4): per shop and per account, the natural month's 服务态度差中差评率 against
 * the 6% line, the 一般/失望 counts and how many cite 服务态度差, the good rate with its recovery count, the
 * month-to-date trend and the end-of-month projection, and the ratings themselves with their appeals.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Empty, Select, Skeleton, Space, Switch, Tooltip, Typography } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { isMonth } from '../../../../shared/china-time';
import { PLATFORM_ZH, type Month } from '../../../../shared/domain';
import { useApiQuery } from '../../data/use-api-query';
import { useRatingsLanding } from './use-ratings';
import { saveBytes } from '../../ui/save-bytes';
import { MonthPicker } from '../../ui/MonthPicker';
import { PageHead } from '../../ui/PageHead';
import { exportFileName, tablesXlsx } from '../../ui/table-xlsx';
import { usePrintMedia } from '../../ui/use-print-media';
import { AccountRatingsTable } from './AccountRatingsTable';
import { RatingRowsTable } from './RatingRowsTable';
import { RatingsPrintView } from './RatingsPrintView';
import { appealsSheet, ratingsWorkbook } from './ratings-export';
import { ShopRatingCard } from './ShopRatingCard';
import { TemplateButton } from '../../ui/TemplateButton';
import { isCountable, rowsOf, summaryKey } from './rating-utils';
import './ratings.css';
import { hrefOf, setHashParam, useHashParam } from '../../app/router';
import { chinaToday } from '../../data/china-clock';

function monthZh(m: Month): string {
  return `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
}

function NoRatings({
  month,
  other,
  onPick,
}: {
  month: Month;
  other: Month | null;
  onPick: (m: Month) => void;
}): ReactNode {
  return (
    <Card data-testid="rt-empty">
      <Empty
        style={{ padding: '40px 0 32px' }}
        description={
          <div style={{ maxWidth: 620, margin: '0 auto' }}>
            <div style={{ fontSize: 16, color: '#344054', marginBottom: 8 }}>
              {monthZh(month)}还没有评价明细
            </div>
            <div className="sd-muted" style={{ lineHeight: 1.75, textAlign: 'left' }}>
              这一页逐条计算每条中评、差评：按邀评时间归属日期，看是否引用“服务态度差”、是否被平台剔除、是否在考核时段内。
              平台的满意度汇总表只有百分比，列不出具体评价，所以需要导入
              <b style={{ whiteSpace: 'nowrap' }}>评价明细</b>
              ——快手后台导出的评价明细，或按模板整理的表格（模板第一行是列名，第二行是示例；每条评价一行，含邀评时间、评价等级、不满意原因、是否剔除）。
            </div>
          </div>
        }
      >
        <Space size={12} wrap style={{ justifyContent: 'center' }}>
          <TemplateButton kind="ratings" label="下载评价明细模板" primary testId="rt-template-empty" />
          <Button icon={<CloudUploadOutlined />} href={hrefOf('import')}>
            去导入
          </Button>
          {other && <Button onClick={() => onPick(other)}>查看{monthZh(other)}</Button>}
        </Space>
      </Empty>
    </Card>
  );
}

export function RatingsPage(): ReactNode {
  const param = useHashParam('month');
  const { months, monthsError, auto } = useRatingsLanding();
  const [shopFilter, setShopFilter] = useState<string | null>(null);
  const [accountFilter, setAccountFilter] = useState<string | null>(null);
  const [onlyAttitude, setOnlyAttitude] = useState(false);
  const [showUncounted, setShowUncounted] = useState(true);
  const printing = usePrintMedia();

  const month: Month | null = param && isMonth(param) ? param : (auto?.month ?? null);

  const viewQ = useApiQuery('ratings:month', month ? { month } : null);
  const view =
    month && (viewQ.data || viewQ.error)
      ? { month, data: viewQ.data, error: viewQ.error?.message ?? null }
      : null;

  const pick = (m: Month): void => {
    setShopFilter(null);
    setAccountFilter(null);
    setHashParam('month', m);
  };

  const data = view && view.month === month ? view.data : null;
  const shops = useMemo(
    () => (data?.shops ?? []).filter((s) => !shopFilter || `${s.platform}|${s.shop}` === shopFilter),
    [data, shopFilter],
  );
  const accounts = useMemo(
    () =>
      (data?.accounts ?? [])
        .filter((a) => !shopFilter || `${a.platform}|${a.shop}` === shopFilter)
        .filter((a) => !accountFilter || summaryKey(a) === accountFilter)
        .sort(
          (a, b) =>
            a.shop.localeCompare(b.shop, 'zh-CN') ||
            (a.account ?? '').localeCompare(b.account ?? '', 'zh-CN'),
        ),
    [data, shopFilter, accountFilter],
  );
  const agentByAccount = useMemo(
    () => new Map((data?.accounts ?? []).map((a) => [summaryKey(a), a.agent])),
    [data],
  );
  const rows = useMemo(
    () =>
      (data?.ratings ?? [])
        .filter((r) => !shopFilter || `${r.platform}|${r.shop}` === shopFilter)
        .filter((r) => !accountFilter || `${r.platform}|${r.shop}|${r.account}` === accountFilter)
        .filter((r) => !onlyAttitude || r.cites_attitude)
        .filter((r) => showUncounted || isCountable(r)),
    [data, shopFilter, accountFilter, onlyAttitude, showUncounted],
  );

  const monthOver = !!data && data.as_of === data.days[data.days.length - 1] && data.as_of < chinaToday();
  const exportInput = {
    shops,
    accounts,
    allRatings: data?.ratings ?? [],
    rows,
    agents: agentByAccount,
    monthOver,
  };
  const exportXlsx = (): void => {
    if (month) saveBytes(exportFileName('中差评', month), tablesXlsx(ratingsWorkbook(exportInput)));
  };
  const exportAppeals = (): void => {
    if (month) saveBytes(exportFileName('中差评申诉', month), tablesXlsx([appealsSheet(exportInput)]));
  };
  const shown = !!data?.has_events;

  const head = (
    <PageHead
      title="中差评"
      description={
        <>
          按自然月统计每个店铺、每个客服账号的<b>服务态度差中差评率</b>
          （= 引用“服务态度差”的中评和差评 / 全部中差评，快手红线
          6%）和好评率，逐条列出中差评，并按当前节奏预测月底。
        </>
      }
      extra={
        <>
          <MonthPicker
            value={month}
            months={months && months.length > 0 ? months : null}
            onChange={pick}
            width={140}
            testId="rt-month"
          />
          <TemplateButton kind="ratings" label="下载评价明细模板" testId="rt-template" />
          <Tooltip title="重新读取">
            <Button icon={<ReloadOutlined />} onClick={viewQ.reload} />
          </Tooltip>
        </>
      }
    />
  );

  if (months === null || (months.length > 0 && !month)) {
    return (
      <div data-testid="ratings-page">
        {head}
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </div>
    );
  }

  if (!month) {
    return (
      <div data-testid="ratings-page">
        {head}
        {monthsError && (
          <Alert
            type="error"
            showIcon
            title="读取数据失败"
            description={monthsError}
            style={{ marginBottom: 16 }}
          />
        )}
        <NoRatings month={chinaToday().slice(0, 7)} other={null} onPick={pick} />
      </div>
    );
  }

  const loading = !view || view.month !== month;
  const shopOptions = (data?.shops ?? []).map((s) => ({
    value: `${s.platform}|${s.shop}`,
    label: `${PLATFORM_ZH[s.platform]} · ${s.shop}`,
  }));
  const accountOptions = (data?.accounts ?? [])
    .filter((a) => !shopFilter || `${a.platform}|${a.shop}` === shopFilter)
    .map((a) => ({
      value: summaryKey(a),
      label: a.agent && a.agent !== '归属不明' ? `${a.account}（${a.agent}）` : (a.account ?? ''),
    }));
  const counted = rows.filter(isCountable);
  const attitudeRows = counted.filter((r) => r.cites_attitude).length;

  return (
    <div data-testid="ratings-page" className={shown ? 'sd-rt-printable' : undefined}>
      {head}

      {!param &&
        auto &&
        auto.latest &&
        auto.withRatings &&
        auto.withRatings !== auto.latest &&
        month === auto.withRatings && (
          <Alert
            type="info"
            showIcon
            closable
            style={{ marginBottom: 16 }}
            title={`${monthZh(auto.latest)}还没有导入评价明细，先显示有评价数据的最近月份 ${monthZh(auto.withRatings)}。`}
            data-testid="rt-auto-note"
          />
        )}

      {view?.error && view.month === month && (
        <Alert
          type="error"
          showIcon
          title="读取中差评数据失败"
          description={view.error}
          style={{ marginBottom: 16 }}
        />
      )}

      {loading && (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      )}

      {data && !data.has_events && (
        <NoRatings
          month={month}
          other={auto?.withRatings && auto.withRatings !== month ? auto.withRatings : null}
          onPick={pick}
        />
      )}

      {data && data.has_events && (
        <>
          <div className="sd-rt-toolbar" data-testid="rt-filters">
            <span className="sd-rt-toolbar-label">筛选</span>
            <Select
              allowClear
              placeholder="全部店铺"
              value={shopFilter}
              options={shopOptions}
              onChange={(v: string | undefined) => {
                setShopFilter(v ?? null);
                setAccountFilter(null);
              }}
              style={{ width: 200 }}
              data-testid="rt-filter-shop"
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部账号"
              value={accountFilter}
              options={accountOptions}
              onChange={(v: string | undefined) => setAccountFilter(v ?? null)}
              style={{ width: 240 }}
              data-testid="rt-filter-account"
            />
            <label className="sd-switch-label">
              <Switch
                size="small"
                checked={onlyAttitude}
                onChange={setOnlyAttitude}
                data-testid="rt-only-attitude"
              />
              只看服务态度差
            </label>
            <label className="sd-switch-label">
              <Switch size="small" checked={showUncounted} onChange={setShowUncounted} />
              显示不计入的评价
            </label>
            <span className="sd-muted" style={{ marginLeft: 'auto', fontSize: 12 }}>
              <Tooltip title="比率都按条数合计（分子之和 / 分母之和），不是每日百分比的平均">
                <span>
                  {monthOver ? `${monthZh(month)}全月` : `数据截至 ${data.as_of.slice(5)}`} · 比率按条数合计
                </span>
              </Tooltip>
            </span>
            <Space size={8}>
              <Tooltip title="当前筛选下的店铺、账号和中差评明细（含申诉），一个工作表一张表">
                <Button size="small" icon={<DownloadOutlined />} onClick={exportXlsx} data-testid="rt-export">
                  导出 Excel
                </Button>
              </Tooltip>
              <Tooltip title="打印或另存为 PDF：月份、各店铺比率、账号和当前筛选下的全部中差评">
                <Button
                  size="small"
                  icon={<PrinterOutlined />}
                  onClick={() => window.print()}
                  data-testid="rt-print-button"
                >
                  打印
                </Button>
              </Tooltip>
            </Space>
          </div>

          {shops.map((s) => (
            <ShopRatingCard
              key={summaryKey(s)}
              shop={s}
              accounts={(data.accounts ?? []).filter((a) => a.platform === s.platform && a.shop === s.shop)}
              rows={rowsOf(data.ratings, s)}
              days={data.days}
              asOf={data.as_of}
              monthOver={monthOver}
            />
          ))}

          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={
              <span>
                按客服账号 <span className="sd-muted">{accounts.length}</span>
              </span>
            }
            extra={
              <span className="sd-muted" style={{ fontSize: 12 }}>
                客服口径不含机器人接待的评价 · 红色为超过红线或未达考核线
              </span>
            }
          >
            <AccountRatingsTable
              accounts={accounts}
              rows={data.ratings}
              multiShop={(data.shops ?? []).length > 1}
              monthOver={monthOver}
            />
          </Card>

          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={
              <span>
                中差评明细 <span className="sd-muted">{rows.length}</span>
              </span>
            }
            extra={
              <Space size={12}>
                <span className="sd-muted" style={{ fontSize: 12 }} data-testid="rt-rows-summary">
                  计入 {counted.length} 条，其中引用服务态度差 {attitudeRows} 条；灰色行不计入
                </span>
                <Tooltip title="当前筛选下标记了申诉中、申诉成功或申诉失败的评价">
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    disabled={!rows.some((r) => r.appeal !== null)}
                    onClick={exportAppeals}
                    data-testid="rt-export-appeals"
                  >
                    导出申诉 Excel
                  </Button>
                </Tooltip>
              </Space>
            }
          >
            <RatingRowsTable rows={rows} agents={agentByAccount} onChanged={viewQ.reload} />
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
              平台把评价剔除后，重新导入评价明细即可更新官方数值；申诉状态只用于上方“若申诉全部成功”的测算。
            </Typography.Paragraph>
          </Card>
        </>
      )}
      {printing && data && data.has_events && (
        <RatingsPrintView
          month={month}
          asOf={data.as_of}
          monthOver={monthOver}
          filters={[
            ...(shopFilter ? [shopOptions.find((o) => o.value === shopFilter)?.label ?? shopFilter] : []),
            ...(accountFilter
              ? [accountOptions.find((o) => o.value === accountFilter)?.label ?? accountFilter]
              : []),
            ...(onlyAttitude ? ['只看服务态度差'] : []),
            ...(showUncounted ? [] : ['不含不计入的评价']),
          ]}
          shops={shops}
          accounts={accounts}
          allRatings={data.ratings}
          rows={rows}
          agents={agentByAccount}
        />
      )}
    </div>
  );
}
