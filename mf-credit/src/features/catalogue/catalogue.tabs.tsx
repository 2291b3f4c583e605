import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router';

/** The tabs of a catalogue page, each its own route (deep links and back/forward work). */
export function RouteTabs({ items }: { items: { path: string; label: string }[] }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = [...items]
    .sort((a, b) => b.path.length - a.path.length)
    .find((i) => pathname.endsWith(i.path));
  return (
    <Tabs
      activeKey={active?.path ?? items[0]?.path}
      onChange={(path) => navigate(path)}
      items={items.map((i) => ({ key: i.path, label: i.label }))}
      style={{ marginBottom: 8 }}
    />
  );
}
