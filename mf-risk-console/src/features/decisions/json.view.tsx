import { theme } from 'antd';

/** Any value as indented JSON, scrolling when long. */
export function JsonView({ value }: { value: unknown }) {
  const { token } = theme.useToken();
  return (
    <pre
      style={{
        margin: 0,
        maxHeight: 320,
        overflow: 'auto',
        fontSize: 12,
        padding: 8,
        borderRadius: token.borderRadiusSM,
        background: token.colorFillQuaternary,
      }}
    >
      {JSON.stringify(value, null, 2) ?? String(value)}
    </pre>
  );
}
