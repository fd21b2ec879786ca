import { cloneElement, useState, type MouseEvent, type ReactElement, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { Tooltip } from 'antd';

type HoverProps = { onMouseEnter?: (e: MouseEvent<HTMLElement>) => void };

/**
 * An antd Tooltip made on the first hover: until then the child alone, with no Tooltip (its hooks, styles and
 * trigger) behind it. A table of a few hundred cells with a tooltip each draws much faster; the hover shows the same
 * tooltip (opened at once on the first hover, then as a normal Tooltip).
 */
export function LazyTooltip({
  title,
  children,
}: {
  title: ReactNode;
  children: ReactElement<HoverProps>;
}): ReactNode {
  const [made, setMade] = useState(false);
  if (made) {
    return (
      <Tooltip title={title} defaultOpen>
        {children}
      </Tooltip>
    );
  }
  return cloneElement(children, {
    onMouseEnter: (e: MouseEvent<HTMLElement>) => {
      children.props.onMouseEnter?.(e);
      // at once, not at the hover's lower priority: the swap replaces the child's element, and a click that
      // follows the move at once (a test, a fast hand) must land on the new one, not on one removed between its
      // mousedown and mouseup
      flushSync(() => setMade(true));
    },
  });
}
