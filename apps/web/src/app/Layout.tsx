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
import { NotificationBell } from '../components/NotificationBell';
import { roleLabel } from '../lib/labels';
import { navigationFor, type NavItem } from '../lib/navigation';

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
            {me && <NotificationBell />}
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
                void signOut().then(() => navigate('/logga-in', { replace: true }));
              }}
            >
              Logga ut
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Huvudmeny" component="nav">
        {items.map((item) => (
          <MenuLink key={item.path} item={item} pathname={location.pathname} />
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

const isUnder = (pathname: string, path: string) => pathname === path || pathname.startsWith(`${path}/`);

/** One menu entry; an entry with pages under it shows them nested below it. */
function MenuLink({ item, pathname }: { item: NavItem; pathname: string }) {
  const navigate = useNavigate();
  const children = item.children ?? [];
  const childActive = children.some((child) => isUnder(pathname, child.path));
  return (
    <NavLink
      component={Link}
      to={item.path}
      label={item.label}
      variant="filled"
      active={pathname === item.path || (!childActive && isUnder(pathname, item.path))}
      aria-current={pathname === item.path ? 'page' : undefined}
      opened={children.length > 0}
      // Mantine's NavLink with children only toggles them (preventDefault); this one is also a page.
      onClick={children.length > 0 ? () => navigate(item.path) : undefined}
    >
      {children.length > 0
        ? children.map((child) => (
            <NavLink
              key={child.path}
              component={Link}
              to={child.path}
              label={child.label}
              variant="filled"
              active={isUnder(pathname, child.path)}
              aria-current={pathname === child.path ? 'page' : undefined}
            />
          ))
        : undefined}
    </NavLink>
  );
}
