import { Route } from 'react-router';
import { RequirePermission } from './parts';
import { EditPatientScreen, NewPatientScreen } from './PatientFormScreens';
import { PatientScreen } from './PatientScreen';
import { PatientSearchScreen } from './PatientSearchScreen';

/**
 * The Patients section's routes:
 * - /patients            search (?q= keeps the query, so "back" shows the same results)
 * - /patients/new        new patient
 * - /patients/:id        the patient's page, with the visit history
 * - /patients/:id/edit   edit the patient
 */
export const patientRoutes = (
  <Route path="patients">
    <Route
      index
      element={
        <RequirePermission permission="patient.view">
          <PatientSearchScreen />
        </RequirePermission>
      }
    />
    <Route
      path="new"
      element={
        <RequirePermission permission="patient.create">
          <NewPatientScreen />
        </RequirePermission>
      }
    />
    <Route
      path=":id"
      element={
        <RequirePermission permission="patient.view">
          <PatientScreen />
        </RequirePermission>
      }
    />
    <Route
      path=":id/edit"
      element={
        <RequirePermission permission="patient.update">
          <EditPatientScreen />
        </RequirePermission>
      }
    />
  </Route>
);
