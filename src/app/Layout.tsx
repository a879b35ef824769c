import AccountCircle from '@mui/icons-material/AccountCircle';
import Lock from '@mui/icons-material/Lock';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { roleCan } from '../../electron/shared/roles';
import { useClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { navItems } from './nav';
import { PREFS_QUERY, SESSION_QUERY, useSignedIn } from './session';

const DRAWER_WIDTH = 232;

/** The signed-in frame: top bar (clinic, user, lock), navigation, and the current screen. */
export function Layout() {
  const client = useClient();
  const i18n = useI18n();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  // A new screen starts at the top, and keyboard and screen-reader users land on it.
  useEffect(() => {
    window.scrollTo(0, 0);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);
  const clinic = useQuery({ queryKey: ['clinic'], queryFn: () => client.clinic.profile() });
  const lock = useMutation({
    mutationFn: () => client.session.lock(),
    onSuccess: (next) => queryClient.setQueryData(SESSION_QUERY, next),
  });
  const signOut = useMutation({
    mutationFn: () => client.session.logout(),
    onSuccess: () => queryClient.setQueryData(SESSION_QUERY, null),
  });
  const language = useMutation({
    mutationFn: (next: 'fa' | 'en') => client.prefs.set({ language: next }),
    onSuccess: (prefs) => queryClient.setQueryData(PREFS_QUERY, prefs),
  });
  const items = navItems.filter(
    (item) => !item.permission || roleCan(session.user.role, item.permission),
  );
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {i18n.t('skip.toContent')}
      </a>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          <Typography variant="h6" component="p" sx={{ flexGrow: 1 }} noWrap>
            {clinic.data?.name ?? i18n.t('app.name')}
          </Typography>
          <Tooltip title={i18n.t('menu.lock')}>
            <IconButton
              color="inherit"
              aria-label={i18n.t('menu.lock')}
              onClick={() => lock.mutate()}
            >
              <Lock />
            </IconButton>
          </Tooltip>
          <Button
            color="inherit"
            startIcon={<AccountCircle />}
            aria-haspopup="menu"
            aria-label={`${i18n.t('menu.account')}: ${session.user.displayName} · ${i18n.t(`role.${session.user.role}`)}`}
            onClick={(event) => setMenuAnchor(event.currentTarget)}
          >
            {session.user.displayName} · {i18n.t(`role.${session.user.role}`)}
          </Button>
          <Menu
            anchorEl={menuAnchor}
            open={Boolean(menuAnchor)}
            onClose={() => setMenuAnchor(null)}
          >
            <MenuItem
              onClick={() => {
                setMenuAnchor(null);
                setPasswordOpen(true);
              }}
            >
              {i18n.t('menu.changePassword')}
            </MenuItem>
            <MenuItem
              onClick={() => {
                setMenuAnchor(null);
                language.mutate(i18n.language === 'fa' ? 'en' : 'fa');
              }}
            >
              {i18n.t('menu.language')}:{' '}
              {i18n.t(i18n.language === 'fa' ? 'language.en' : 'language.fa')}
            </MenuItem>
            <Divider />
            <MenuItem
              onClick={() => {
                setMenuAnchor(null);
                signOut.mutate();
              }}
            >
              {i18n.t('menu.signOut')}
            </MenuItem>
          </Menu>
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{
          width: DRAWER_WIDTH,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' },
        }}
      >
        <Toolbar />
        <nav aria-label={i18n.t('nav.label')}>
          <List>
            {items.map((item) => (
              <ListItem key={item.path} disablePadding>
                <ListItemButton
                  component={NavLink}
                  to={item.path}
                  sx={{ '&.active': { bgcolor: 'action.selected', fontWeight: 700 } }}
                >
                  <ListItemIcon>{item.icon}</ListItemIcon>
                  <ListItemText primary={i18n.t(item.label)} />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box
        component="main"
        id="main"
        ref={main}
        tabIndex={-1}
        sx={{ flexGrow: 1, p: 3, minWidth: 0, '&:focus': { outline: 'none' } }}
      >
        <Toolbar />
        <Outlet />
      </Box>
      <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Box>
  );
}
