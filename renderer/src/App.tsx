import { AdminSignInGate } from './admin/AdminSignInGate';
import { AccountPage } from './pages/AccountPage';
import { ApprovePage } from './pages/ApprovePage';
import { ForwardAuthPage } from './pages/ForwardAuthPage';
import { HomePage } from './pages/HomePage';
import { InteractionPage } from './pages/InteractionPage';
import { LinkPage } from './pages/LinkPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignedOutPage } from './pages/SignedOutPage';
import { matchRoute, usePathname } from './router';

export function App() {
  const route = matchRoute(usePathname());
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'account':
      return <AccountPage />;
    case 'link':
      return <LinkPage key={route.token} token={route.token} />;
    case 'interaction':
      return <InteractionPage key={route.uid} uid={route.uid} />;
    case 'signed-out':
      return <SignedOutPage />;
    case 'forward-auth':
      return <ForwardAuthPage />;
    case 'approve':
      return <ApprovePage />;
    case 'admin':
      return <AdminSignInGate view={route.view} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
