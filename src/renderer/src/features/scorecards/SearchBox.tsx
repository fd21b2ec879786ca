import { useEffect, useState, type ReactNode } from 'react';
import { Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useDebounced } from '../../data/use-debounced';

/**
 * The search box holds what is being typed itself: a keystroke re-renders this box only, and the page with its
 * table (and report:agents) gets the text once it has stopped changing for 200 ms.
 */
export function SearchBox({ onSearch }: { onSearch: (q: string) => void }): ReactNode {
  const [value, setValue] = useState('');
  const settled = useDebounced(value, 200);
  useEffect(() => onSearch(settled), [settled, onSearch]);
  return (
    <Input
      allowClear
      prefix={<SearchOutlined className="sd-muted" />}
      placeholder="搜索客服、账号、昵称"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      style={{ width: 220 }}
      data-testid="scorecards-search"
    />
  );
}
