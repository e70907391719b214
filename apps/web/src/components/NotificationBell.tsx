import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  NativeSelect,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { MAIL_PREFERENCE_LABELS, MAIL_PREFERENCES, type MailPreference } from '@kvalitet/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import type { components } from '../api/generated/openapi';
import { ErrorNotice } from './QueryState';

type Notice = components['schemas']['InAppNotificationDto'];
type NoticeList = components['schemas']['InAppNotificationListDto'];
type MarkedRead = components['schemas']['MarkedReadDto'];

const UNREAD_KEY = ['notification-unread'];
const LIST_KEY = ['in-app-notifications'];

const when = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

/** "7 december 19:05": when it happened, in words, in Swedish time. */
function noticeTime(iso: string): string {
  return when.format(new Date(iso));
}

/** Where the item leads: the page the system gave it, else its case. */
function noticePath(notice: Notice): string | null {
  const path = notice.details['path'];
  if (typeof path === 'string' && path.startsWith('/')) return path;
  return notice.caseId ? `/arenden/${notice.caseId}` : null;
}

function BellIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" aria-hidden="true" focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.5L4.5 16h15L18 12.5V9a6 6 0 0 0-6-6Zm-2 15a2 2 0 0 0 4 0"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * The bell in the header (issue 21): how many notifications are unread (asked again every minute
 * and when the window gets focus), and in its dropdown the newest, each leading to its case, with
 * "Markera som läst", "Markera alla som lästa" and the person's choice of mail.
 */
export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const queryClient = useQueryClient();
  const unread = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => apiJson<{ unread: number }>('/api/v1/notifications/in-app/unread-count'),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  const list = useQuery({
    queryKey: LIST_KEY,
    queryFn: () => apiJson<NoticeList>('/api/v1/notifications/in-app'),
    enabled: opened,
  });
  const settle = (result: MarkedRead) => {
    queryClient.setQueryData(UNREAD_KEY, { unread: result.unread });
    void queryClient.invalidateQueries({ queryKey: LIST_KEY });
  };
  const markRead = useMutation({
    mutationFn: (key: string) =>
      apiJson<MarkedRead>(`/api/v1/notifications/in-app/${encodeURIComponent(key)}/read`, { method: 'POST' }),
    onSuccess: settle,
  });
  const markAll = useMutation({
    mutationFn: () => apiJson<MarkedRead>('/api/v1/notifications/in-app/read-all', { method: 'POST' }),
    onSuccess: settle,
  });
  const count = unread.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={380}
      shadow="md"
      trapFocus
      returnFocus
    >
      <Popover.Target>
        {/* The bell and its count only, so that the header still holds "Logga ut" on a phone. */}
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => setOpened((o) => !o)}
          aria-label={count === 0 ? 'Notiser, inga olästa' : `Notiser ${count} olästa`}
          data-testid="notisklocka"
          style={{ overflow: 'visible' }}
        >
          <Indicator
            disabled={count === 0}
            color="red"
            size={16}
            offset={-6}
            label={<span data-testid="olasta-notiser">{count > 99 ? '99+' : count}</span>}
          >
            <BellIcon />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p="xs" aria-label="Notiser" role="dialog">
        <Group justify="space-between" mb="xs" wrap="nowrap">
          <Text fw={600} size="sm">
            {count === 0 ? 'Inga olästa notiser' : count === 1 ? '1 oläst notis' : `${count} olästa notiser`}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={count === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            Markera alla som lästa
          </Button>
        </Group>
        {markAll.error || markRead.error ? <ErrorNotice error={markAll.error ?? markRead.error} /> : null}
        {list.isError ? <ErrorNotice error={list.error} /> : null}
        {list.isPending ? (
          <Text size="sm" c="dimmed">
            Hämtar notiser…
          </Text>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Du har inga notiser än.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={360} type="auto">
            <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((notice) => (
                <NoticeItem
                  key={notice.key}
                  notice={notice}
                  onOpen={() => {
                    if (notice.readAt === null) markRead.mutate(notice.key);
                    setOpened(false);
                  }}
                  onRead={() => markRead.mutate(notice.key)}
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
        <Divider my="xs" />
        <MailPreferenceSelect compact />
      </Popover.Dropdown>
    </Popover>
  );
}

function NoticeItem({ notice, onOpen, onRead }: { notice: Notice; onOpen: () => void; onRead: () => void }) {
  const path = noticePath(notice);
  const unread = notice.readAt === null;
  return (
    <Box
      component="li"
      py={6}
      px={4}
      data-testid="notis"
      data-unread={unread ? 'true' : 'false'}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        {unread ? (
          <Badge
            size="xs"
            color="blue"
            variant="filled"
            mt={3}
            style={{ flexShrink: 0, overflow: 'visible' }}
          >
            Ny
          </Badge>
        ) : null}
        <Box style={{ minWidth: 0 }}>
          {path ? (
            <Anchor component={Link} to={path} size="sm" fw={unread ? 700 : 400} onClick={onOpen}>
              {notice.title}
            </Anchor>
          ) : (
            <Text size="sm" fw={unread ? 700 : 400}>
              {notice.title}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {noticeTime(notice.createdAt)}
          </Text>
          {unread ? (
            <UnstyledButton
              onClick={onRead}
              fz="xs"
              c="blue.8"
              td="underline"
              mt={2}
              aria-label={`Markera som läst: ${notice.title}`}
            >
              Markera som läst
            </UnstyledButton>
          ) : null}
        </Box>
      </Group>
    </Box>
  );
}

/** The person's own choice of mail for their notifications; saved as soon as it is changed. */
export function MailPreferenceSelect({ compact = false }: { compact?: boolean }) {
  const queryClient = useQueryClient();
  const preference = useQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => apiJson<{ mail: MailPreference }>('/api/v1/notifications/preferences'),
  });
  const save = useMutation({
    mutationFn: (mail: MailPreference) =>
      apiJson<{ mail: MailPreference }>('/api/v1/notifications/preferences', {
        method: 'PUT',
        body: { mail },
      }),
    onSuccess: (saved) => queryClient.setQueryData(['notification-preferences'], saved),
  });
  return (
    <Stack gap={4}>
      <NativeSelect
        size={compact ? 'xs' : 'sm'}
        label="E-post om notiser"
        description={compact ? undefined : 'Klockan i appen visar alla notiser oavsett vad du väljer.'}
        value={preference.data?.mail ?? 'immediately'}
        disabled={preference.isPending || save.isPending}
        data={MAIL_PREFERENCES.map((value) => ({ value, label: MAIL_PREFERENCE_LABELS[value] }))}
        onChange={(event) => save.mutate(event.currentTarget.value as MailPreference)}
        data-testid="epost-val"
      />
      {save.isSuccess ? (
        <Text size="xs" role="status">
          Sparat.
        </Text>
      ) : null}
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </Stack>
  );
}
