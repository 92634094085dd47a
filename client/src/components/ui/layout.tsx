import type { ReactNode } from 'react';

type PageHeaderProps = { title: ReactNode; eyebrow?: ReactNode; actions?: ReactNode; children?: ReactNode };

/** The heading block of a page: its h1, a small line above, and the page's main actions. */
export function PageHeader({ title, eyebrow, actions, children }: PageHeaderProps) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        {eyebrow ? <div className="page-eyebrow">{eyebrow}</div> : null}
        <h1 className="page-title">{title}</h1>
        {children}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

type PanelProps = { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; headingLevel?: 2 | 3 };

export function Panel({ title, actions, children, className, headingLevel = 2 }: PanelProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={['panel', className ?? ''].filter(Boolean).join(' ')}>
      {title || actions ? (
        <div className="panel-header">
          {title ? <Heading className="panel-title">{title}</Heading> : <span />}
          {actions ? <div className="panel-actions">{actions}</div> : null}
        </div>
      ) : null}
      <div className="panel-body">{children}</div>
    </section>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}

/** A wide table scrolls inside its own box on small screens, reachable by keyboard. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

type DefinitionListProps = { items: { term: ReactNode; value: ReactNode; key: string }[] };

export function DefinitionList({ items }: DefinitionListProps) {
  return (
    <dl className="deflist">
      {items.map((item) => (
        <div className="deflist-row" key={item.key}>
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
