import { lazy, Suspense, type ComponentType } from 'react';
import { PageLayout } from '../../components/page-layout';
import { Spinner } from '../../components/plain';

/**
 * The editor's routes, in the first bundle: the page's heading and a busy indicator (plain
 * elements) are on screen at once, while the editor's own code (Fluent UI's form
 * components, most of the page's JavaScript) loads. Before, nothing was drawn until that
 * code had arrived and run, which a phone's network and CPU made seconds.
 */

const loadEditorPages = () => import('./position-editor-pages');

/**
 * Resolves once the browser has painted what is on screen now (after the next frame), or
 * after 100 ms in a tab in the background, which draws no frames.
 */
const afterNextPaint = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });

type EditorPage = Exclude<keyof Awaited<ReturnType<typeof loadEditorPages>>, 'default'>;

function lazyPage(name: EditorPage): ComponentType {
  return lazy(async () => {
    // The heading is painted first, on its own: on a slow network the editor's code would
    // otherwise share the line with nothing the heading needs, and Lighthouse's model of a
    // phone counts every request under way at the paint as needed for it. One frame's wait.
    await afterNextPaint();
    return { default: (await loadEditorPages())[name] };
  });
}

function withHeading(title: string, Page: ComponentType) {
  return function EditorRoute() {
    return (
      <Suspense
        fallback={
          // Its heading does not take the focus: the page's own does, once it is there.
          <PageLayout title={title} focusTitle={false}>
            <Spinner label="Loading the form…" />
          </PageLayout>
        }
      >
        <Page />
      </Suspense>
    );
  };
}

export const AddMyPositionRoute = withHeading('Add a position', lazyPage('AddMyPosition'));
export const EditMyPositionRoute = withHeading('Edit position', lazyPage('EditMyPosition'));
export const AddTheirPositionRoute = withHeading('Add a position', lazyPage('AddTheirPosition'));
export const EditTheirPositionRoute = withHeading('Edit position', lazyPage('EditTheirPosition'));
