import type { RouteName, Tab } from '../routes';

/** Plain buttons with aria-current rather than an ARIA tablist: each opens a whole screen. */
export function TabBar({
  tabs,
  current,
  onSelect,
}: {
  tabs: Tab[];
  current: RouteName;
  onSelect(route: RouteName): void;
}) {
  return (
    <nav className="tabs" aria-label="Sections">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.route}>
            <button
              type="button"
              className="tab"
              aria-current={tab.route === current ? 'page' : undefined}
              onClick={() => onSelect(tab.route)}
            >
              {tab.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
