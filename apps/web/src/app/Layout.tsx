import {
  Anchor,
  AppShell,
  Box,
  Burger,
  Button,
  Group,
  NavLink,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { roleLabel } from '../lib/labels';
import { navigationFor } from '../lib/navigation';

/** The signed-in frame: header with the user, the menu for the user's roles, the page. */
export function Layout() {
  const { me, signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const main = useRef<HTMLElement>(null);
  const items = navigationFor(me?.roles ?? []);

  useEffect(() => {
    close();
  }, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor href="#huvudinnehall" className="skip-link">
        Hoppa till innehållet
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Stäng menyn' : 'Öppna menyn'}
            />
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Title order={1} size="h4">
                Kvalitetsledning
              </Title>
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me && (
              <Box visibleFrom="xs" ta="right">
                <Text size="sm" fw={600} data-testid="inloggad-som">
                  {me.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {me.roles.map(roleLabel).join(', ')}
                </Text>
              </Box>
            )}
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                signOut();
                navigate('/logga-in', { replace: true });
              }}
            >
              Logga ut
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Huvudmeny" component="nav">
        {items.map((item) => (
          <NavLink
            key={item.path}
            component={Link}
            to={item.path}
            label={item.label}
            variant="filled"
            active={location.pathname === item.path || location.pathname.startsWith(`${item.path}/`)}
            aria-current={location.pathname === item.path ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="huvudinnehall" ref={main} tabIndex={-1}>
        {/* usePageTitle writes each page's name here, so a screen reader hears where a link led. */}
        <VisuallyHidden id="sidannons" aria-live="polite" />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
