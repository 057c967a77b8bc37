// The summary above a form that was refused: one line per problem, each a link that moves focus to its
// field (ids from fieldId) and scrolls it into view, next to the marks at the fields themselves. Renderer.
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/** One line of the summary; with `path` it links to the field that has id fieldId(path). */
export interface ProblemLine {
  text: string;
  path?: string;
}

/** The id of the input for a field path: 'income.monthlyNet' → 'veld-income-monthlyNet'. */
export const fieldId = (path: string): string => `veld-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** Focuses the field of `path`, or of the nearest enclosing path that has one; false when there is none. */
export function focusField(path: string): boolean {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.getElementById(fieldId(parts.slice(0, n).join('.')));
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
      return true;
    }
  }
  return false;
}

export function FormProblems({ lines }: { lines: (string | ProblemLine)[] }) {
  if (lines.length === 0) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Niet opgeslagen: controleer de gemarkeerde velden" data-testid="form-problems">
      <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {lines.map((line) => {
          const { text, path } = typeof line === 'string' ? { text: line, path: undefined } : line;
          return (
            <Text key={`${path ?? ''}:${text}`} size="sm" component="li">
              {path ? (
                <Anchor
                  href={`#${fieldId(path)}`}
                  // A hash router: following the href would change the page; move focus instead.
                  onClick={(e) => {
                    e.preventDefault();
                    focusField(path);
                  }}
                  c="red.9"
                  underline="always"
                  data-testid={`problem-link-${path}`}
                >
                  {text}
                </Anchor>
              ) : (
                text
              )}
            </Text>
          );
        })}
      </Stack>
    </Alert>
  );
}
