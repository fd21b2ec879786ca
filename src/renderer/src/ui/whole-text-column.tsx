import type { TableColumnsType } from 'antd';

/**
 * A table column of file names, sheet names, buyers: shown whole, a long one wraps (anywhere) instead of ending in …,
 * so the lead can find the file or the chat by it.
 */
export function wholeTextColumn<T>(
  title: string,
  dataIndex: keyof T & string,
  width: number,
): TableColumnsType<T>[number] {
  return {
    title,
    dataIndex,
    width,
    render: (text: string) => <span className="sd-file-name">{text}</span>,
  };
}
