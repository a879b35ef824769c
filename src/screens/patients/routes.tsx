import { Route } from 'react-router';
import { LaterScreen } from '../LaterScreen';

/** The Patients section's routes (search, new, detail, edit). */
export const patientRoutes = (
  <Route path="patients" element={<LaterScreen section="nav.patients" />} />
);
