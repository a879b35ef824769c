import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';

/** What someone sees when they open a part of the app their role may not use. */
export function NotAllowed({ title, body }: { title: string; body: string }) {
  return (
    <Alert severity="warning" variant="outlined" sx={{ bgcolor: 'background.paper' }}>
      <AlertTitle component="h2">{title}</AlertTitle>
      {body}
    </Alert>
  );
}
