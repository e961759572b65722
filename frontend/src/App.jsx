import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import Layout from './components/Layout.jsx';
import RequireAuth from './components/RequireAuth.jsx';
import Loading from './components/Loading.jsx';
import Dashboard from './pages/Dashboard.jsx';
import Login from './pages/Login.jsx';
import Register from './pages/Register.jsx';
import Worlds from './pages/Worlds.jsx';
import NotFound from './pages/NotFound.jsx';

const WorldDetail = lazy(() => import('./pages/WorldDetail.jsx'));
const Stories = lazy(() => import('./pages/Stories.jsx'));
const StoryNew = lazy(() => import('./pages/StoryNew.jsx'));
const StoryDetail = lazy(() => import('./pages/StoryDetail.jsx'));
const EntryPage = lazy(() => import('./pages/EntryPage.jsx'));
const Admin = lazy(() => import('./pages/Admin.jsx'));
const Trash = lazy(() => import('./pages/Trash.jsx'));
const Search = lazy(() => import('./pages/Search.jsx'));
const Invitations = lazy(() => import('./pages/Invitations.jsx'));
const Profile = lazy(() => import('./pages/Profile.jsx'));
const PublicProfile = lazy(() => import('./pages/PublicProfile.jsx'));
const BookPage = lazy(() => import('./pages/BookPage.jsx'));
const BookReader = lazy(() => import('./pages/BookReader.jsx'));

export default function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Dashboard />} />
          <Route path="login" element={<Login />} />
          <Route path="register" element={<Register />} />
          <Route path="worlds" element={<Worlds />} />
          <Route path="worlds/:worldId" element={<WorldDetail />} />
          <Route path="worlds/:worldId/entries/:entryId" element={<EntryPage />} />
          <Route path="stories" element={<Stories />} />
          <Route
            path="stories/new"
            element={
              <RequireAuth>
                <StoryNew />
              </RequireAuth>
            }
          />
          <Route path="stories/:storyId" element={<StoryDetail />} />
          <Route path="books/:bookId" element={<BookPage />} />
          <Route path="books/:bookId/read/:storyId?" element={<BookReader />} />
          <Route path="search" element={<Search />} />
          <Route
            path="invitations"
            element={
              <RequireAuth>
                <Invitations />
              </RequireAuth>
            }
          />
          <Route
            path="profile"
            element={
              <RequireAuth>
                <Profile />
              </RequireAuth>
            }
          />
          <Route path="u/:username" element={<PublicProfile />} />
          <Route
            path="trash"
            element={
              <RequireAuth>
                <Trash />
              </RequireAuth>
            }
          />
          <Route
            path="admin"
            element={
              <RequireAuth roles={['admin', 'moderator']}>
                <Admin />
              </RequireAuth>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
