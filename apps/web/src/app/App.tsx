import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { Loading } from '../components/QueryState';
import { homePathFor } from '../lib/navigation';
import { CasePage } from '../pages/CasePage';
import { CasesPage } from '../pages/CasesPage';
import { DailyListPage } from '../pages/DailyListPage';
import { ArshjulPage } from '../pages/ArshjulPage';
import { EgenkontrollPage } from '../pages/EgenkontrollPage';
import { EgenkontrollPlanPage } from '../pages/EgenkontrollPlanPage';
import { ForordnandenPage } from '../pages/ForordnandenPage';
import { UtbildningPage } from '../pages/UtbildningPage';
import { HandelseanalyserPage } from '../pages/HandelseanalyserPage';
import { HandelseanalysPage } from '../pages/HandelseanalysPage';
import { RiskobservationerPage } from '../pages/RiskobservationerPage';
import { EjVerkstalldaBeslutPage } from '../pages/EjVerkstalldaBeslutPage';
import { InternkontrollPage } from '../pages/InternkontrollPage';
import { InternkontrollPlanPage } from '../pages/InternkontrollPlanPage';
import { AnnualReviewPage } from '../pages/AnnualReviewPage';
import { LedningssystemDocumentPage } from '../pages/LedningssystemDocumentPage';
import { LedningssystemPage } from '../pages/LedningssystemPage';
import { LoginPage } from '../pages/LoginPage';
import { NewRiskAssessmentPage } from '../pages/NewRiskAssessmentPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PublicFeedbackPage } from '../pages/PublicFeedbackPage';
import { ReportPage } from '../pages/ReportPage';
import { RiskAssessmentPage } from '../pages/RiskAssessmentPage';
import { ImprovementPage } from '../pages/ImprovementPage';
import { RiskAssessmentsPage } from '../pages/RiskAssessmentsPage';
import { RoutinePage } from '../pages/RoutinePage';
import { RoutinesPage } from '../pages/RoutinesPage';
import { SettingsPage } from '../pages/SettingsPage';
import { RetentionPage } from '../pages/RetentionPage';
import { ReportsPage } from '../pages/ReportsPage';
import { DelegationPage } from '../pages/DelegationPage';
import { TasksPage } from '../pages/TasksPage';
import { Layout } from './Layout';
import { RequireAuth } from './RequireAuth';

// The charts (recharts) are only for Översikt: a separate chunk keeps the public e-form light on a phone.
const OverviewPage = lazy(() => import('../pages/OverviewPage').then((m) => ({ default: m.OverviewPage })));

function Home() {
  const { me } = useAuth();
  if (!me) return <Loading />;
  return <Navigate to={homePathFor(me.roles)} replace />;
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/lamna-synpunkt" element={<PublicFeedbackPage />} />
        <Route path="/logga-in" element={<LoginPage />} />
        <Route
          element={
            <RequireAuth>
              <Layout />
            </RequireAuth>
          }
        >
          <Route index element={<Home />} />
          <Route path="/rapportera" element={<ReportPage />} />
          <Route path="/uppgifter" element={<TasksPage />} />
          <Route path="/arenden" element={<CasesPage />} />
          <Route path="/arenden/:id" element={<CasePage />} />
          <Route path="/dagens-lista" element={<DailyListPage />} />
          <Route
            path="/oversikt"
            element={
              <Suspense fallback={<Loading label="Laddar översikten…" />}>
                <OverviewPage />
              </Suspense>
            }
          />
          <Route path="/riskanalyser" element={<RiskAssessmentsPage />} />
          <Route path="/riskanalyser/ny" element={<NewRiskAssessmentPage />} />
          <Route path="/riskanalyser/:id" element={<RiskAssessmentPage />} />
          <Route path="/forbattringar/:id" element={<ImprovementPage />} />
          <Route path="/ledningssystem" element={<LedningssystemPage />} />
          <Route path="/ledningssystem/arshjul" element={<ArshjulPage />} />
          <Route path="/ledningssystem/dokument" element={<LedningssystemDocumentPage />} />
          <Route path="/ledningssystem/arlig-genomgang" element={<AnnualReviewPage />} />
          <Route path="/ledningssystem/arlig-genomgang/:year" element={<AnnualReviewPage />} />
          <Route path="/ledningssystem/forordnanden" element={<ForordnandenPage />} />
          <Route path="/ledningssystem/utbildning" element={<UtbildningPage />} />
          <Route path="/ledningssystem/handelseanalyser" element={<HandelseanalyserPage />} />
          <Route path="/ledningssystem/handelseanalyser/:id" element={<HandelseanalysPage />} />
          <Route path="/ledningssystem/riskobservationer" element={<RiskobservationerPage />} />
          <Route path="/ledningssystem/ej-verkstallda-beslut" element={<EjVerkstalldaBeslutPage />} />
          <Route path="/ledningssystem/egenkontroll" element={<EgenkontrollPage />} />
          <Route path="/ledningssystem/egenkontroll/:id" element={<EgenkontrollPlanPage />} />
          <Route path="/ledningssystem/internkontroll" element={<InternkontrollPage />} />
          <Route path="/ledningssystem/internkontroll/:id" element={<InternkontrollPlanPage />} />
          <Route path="/ledningssystem/rutiner" element={<RoutinesPage />} />
          <Route path="/ledningssystem/rutiner/:id" element={<RoutinePage />} />
          <Route path="/installningar" element={<SettingsPage />} />
          <Route path="/delegation" element={<DelegationPage />} />
          <Route path="/gallring" element={<RetentionPage />} />
          <Route path="/rapporter" element={<ReportsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
