import type { ComponentType } from 'react';
import { useEffect, useState } from 'react';

type Icons = Record<string, ComponentType>;
let loaded: Icons | null = null;
let loading: Promise<Icons> | null = null;

function loadIcons(): Promise<Icons> {
  loading ??= import(/* webpackChunkName: "menu-icons" */ './menu-icons.tsx').then(
    (m) => {
      loaded = m.MENU_ICONS;
      return loaded;
    },
    (error: unknown) => {
      loading = null; // a later render tries again
      throw error;
    },
  );
  return loading;
}

/** The icon set, once its chunk has arrived (null until then: icons are decoration). */
export function useMenuIcons(): Icons | null {
  const [icons, setIcons] = useState(loaded);
  useEffect(() => {
    if (icons) return;
    let live = true;
    loadIcons().then(
      (set) => live && setIcons(set),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [icons]);
  return icons;
}

export function MenuIcon({ name }: { name: string | null | undefined }) {
  const icons = useMenuIcons();
  const Icon = name ? icons?.[name] : undefined;
  return Icon ? <Icon /> : null;
}
