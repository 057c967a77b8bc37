// "Beoordelingsbestand openen": picks a review file and opens it in the review mode; on the start screen
// (a liaison needs no database) and on the Beoordelen page. Runs in the renderer.
import { Alert, Button, FileButton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileUpload } from '@tabler/icons-react';
import { REVIEW_FILE_EXTENSION } from '../../../../shared/review/review-file';
import { useReviewMode } from './review-mode.context';

const ACCEPT = `.${REVIEW_FILE_EXTENSION},.json,application/json`;

export function ReviewFileButton({ variant = 'filled', testId = 'review-open' }: { variant?: 'filled' | 'default' | 'light'; testId?: string }) {
  const mode = useReviewMode();
  if (!mode) return null;
  return (
    <Stack gap="xs">
      <FileButton onChange={(f) => f && void mode.openFile(f)} accept={ACCEPT}>
        {(props) => (
          <Button {...props} variant={variant} leftSection={<IconFileUpload size={16} />} data-testid={testId}>
            Beoordelingsbestand openen
          </Button>
        )}
      </FileButton>
      {mode.error && (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} />} data-testid="review-open-error">
          {mode.error}
        </Alert>
      )}
    </Stack>
  );
}

/** The start screen's choice for a corporation's liaison: no login, no database, only the review. */
export function ReviewStartChoice() {
  if (!useReviewMode()) return null;
  return (
    <Stack gap="xs" align="center" data-testid="review-start">
      <Text size="sm" c="dimmed" ta="center">
        Contactpersoon van een corporatie? Open het beoordelingsbestand dat u van de voorzitter kreeg; daarvoor hoeft u niet in te
        loggen.
      </Text>
      <ReviewFileButton variant="default" testId="review-start-open" />
    </Stack>
  );
}
