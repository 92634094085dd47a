import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { sanitizeNarrative } from './narrative-html';

type Command = { key: string; run: () => void };

/**
 * A minimal rich-text editor: a contentEditable box with a toolbar for bold, italic,
 * a sub-heading, lists and links. What it hands back is already reduced to the allowed
 * markup; the preview shows that sanitised markup, never what was typed or pasted.
 */
export function NarrativeEditor({ label, value, onChange }: { label: string; value: string; onChange: (html: string) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const [preview, setPreview] = useState(false);
  const [html, setHtml] = useState(value);

  // The box is filled once (and when the value is replaced from outside), never while typing: the caret must not jump.
  useEffect(() => {
    if (ref.current && sanitizeNarrative(ref.current.innerHTML) !== value) ref.current.innerHTML = value;
    setHtml(value);
  }, [value]);

  const emit = () => {
    const clean = sanitizeNarrative(ref.current?.innerHTML ?? '');
    setHtml(clean);
    onChange(clean);
  };
  const exec = (command: string, arg?: string) => {
    ref.current?.focus();
    document.execCommand(command, false, arg);
    emit();
  };
  const commands: Command[] = [
    { key: 'bold', run: () => exec('bold') },
    { key: 'italic', run: () => exec('italic') },
    { key: 'heading', run: () => exec('formatBlock', 'h3') },
    { key: 'paragraph', run: () => exec('formatBlock', 'p') },
    { key: 'bullets', run: () => exec('insertUnorderedList') },
    { key: 'numbers', run: () => exec('insertOrderedList') },
    {
      key: 'link',
      run: () => {
        const url = window.prompt(t('reports.editor.linkPrompt'), 'https://');
        if (url && /^(https?:\/\/|mailto:)/i.test(url.trim())) exec('createLink', url.trim());
      },
    },
  ];

  return (
    <div className="narrative-editor">
      <div className="narrative-editor-head">
        <span className="field-label" id={labelId}>
          {label}
        </span>
        <div className="narrative-toolbar" role="toolbar" aria-label={t('reports.editor.toolbar', { section: label })}>
          {commands.map((c) => (
            <Button key={c.key} size="sm" variant="ghost" onMouseDown={(e) => e.preventDefault()} onClick={c.run} disabled={preview}>
              {t(`reports.editor.${c.key}` as 'reports.editor.bold')}
            </Button>
          ))}
          <Button size="sm" variant="ghost" aria-pressed={preview} onClick={() => setPreview((p) => !p)}>
            {t('reports.editor.preview')}
          </Button>
        </div>
      </div>
      <div
        ref={ref}
        className="narrative-input input"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelId}
        hidden={preview}
        onInput={emit}
        onBlur={emit}
        onPaste={(e) => {
          // Pasted markup is reduced to the allow-list before it enters the page at all.
          e.preventDefault();
          const html = e.clipboardData.getData('text/html');
          const template = document.createElement('template');
          if (html) template.innerHTML = sanitizeNarrative(html);
          else template.content.append(e.clipboardData.getData('text/plain'));
          const range = window.getSelection()?.rangeCount ? window.getSelection()?.getRangeAt(0) : null;
          if (range && ref.current?.contains(range.commonAncestorContainer)) {
            range.deleteContents();
            range.insertNode(template.content);
            range.collapse(false);
          } else ref.current?.append(template.content);
          emit();
        }}
      />
      {preview ? (
        html ? (
          <div className="narrative narrative-preview" dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <p className="muted">{t('reports.narrative.empty')}</p>
        )
      ) : null}
    </div>
  );
}
