import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorBanner } from '@/components/ui/error-banner';
import { DeleteNodeDialog } from './delete-node-dialog';
import { ItemButton } from '@/components/ui/item-button';
import { MoveButtons } from '@/components/ui/move-buttons';
import { NodeTextForm, type NodeText } from './node-text-form';

type Node = NodeText & { id: number; version: number };

type NodeChange = { version: number; position?: number } & Partial<NodeText>;
type Done = { onSuccess?: () => void };

/** The update and delete of an outcome or output, whichever this node is. */
type NodeMutations = {
  rename: { error: unknown; isPending: boolean; reset(): void; mutate(vars: { id: number; input: NodeChange }, options?: Done): void };
  reorder: { error: unknown; isError: boolean; isPending: boolean; mutate(vars: { id: number; input: NodeChange }): void };
  remove: { error: unknown; isPending: boolean; reset(): void; mutate(vars: { id: number; version: number }, options?: Done): void };
};

type ResultsNodeProps = NodeMutations & {
  node: Node;
  kind: 'outcome' | 'output';
  /** The outcome or output's schema: a rename refused for a newer version reads it from the refusal. */
  record: z.ZodType<Node>;
  /** "Outcome 1: …": what the move, rename and delete buttons name. */
  label: string;
  /** "Outcome 1", shown before the title in the heading. */
  code: string;
  /** Beside the heading: a status, say. */
  status?: ReactNode;
  /** Between the move buttons and rename: controls only this kind of node has. */
  extraActions?: ReactNode;
  titleLabel: string;
  index: number;
  count: number;
  editable: boolean;
  children: ReactNode;
};

/** The id of a node's heading, which names the section or list item around it. */
export function nodeHeadingId(kind: 'outcome' | 'output', id: number): string {
  return `${kind}-${id}`;
}

/**
 * What outcomes and outputs share: the heading with move, rename and delete, the rename
 * form (which keeps the conflict reload of every form), the description, and the delete
 * dialog. What sits under the node is `children`.
 */
export function ResultsNode(props: ResultsNodeProps) {
  const { node, kind, record, label, code, status, extraActions, titleLabel, index, count, editable, rename, reorder, remove, children } = props;
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const Heading = kind === 'outcome' ? 'h3' : 'h4';

  return (
    <>
      <div className="node-header">
        <Heading className={kind === 'outcome' ? 'node-title outcome-title' : 'node-title'} id={nodeHeadingId(kind, node.id)}>
          <span className="node-code">{code}</span> {node.title}
        </Heading>
        {status}
        {editable && !renaming ? (
          <div className="node-actions">
            <MoveButtons
              label={label}
              isFirst={index === 0}
              isLast={index === count - 1}
              busy={reorder.isPending}
              onMove={(d) => reorder.mutate({ id: node.id, input: { version: node.version, position: index + 1 + d } })}
            />
            {extraActions}
            <ItemButton
              item={label}
              onClick={() => {
                rename.reset();
                setRenaming(true);
              }}
            >
              {t('common.rename')}
            </ItemButton>
            <ItemButton
              item={label}
              danger
              onClick={() => {
                remove.reset();
                setDeleting(true);
              }}
            >
              {t('common.delete')}
            </ItemButton>
          </div>
        ) : null}
      </div>
      {reorder.isError ? <ErrorBanner error={reorder.error} /> : null}
      {renaming ? (
        <NodeTextForm
          initial={{ title: node.title, description: node.description, version: node.version }}
          titleLabel={titleLabel}
          submitLabel={t('common.save')}
          mutation={rename}
          record={record}
          onCancel={() => setRenaming(false)}
          onSubmit={(text, version) => rename.mutate({ id: node.id, input: { version, ...text } }, { onSuccess: () => setRenaming(false) })}
        />
      ) : node.description ? (
        <p className="node-description">{node.description}</p>
      ) : null}
      {children}
      <DeleteNodeDialog
        open={deleting}
        kind={kind}
        label={label}
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ id: node.id, version: node.version }, { onSuccess: () => setDeleting(false) })}
      />
    </>
  );
}
