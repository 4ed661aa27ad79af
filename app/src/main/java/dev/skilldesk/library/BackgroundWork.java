package dev.skilldesk.library;

/**
 * Background work a bulk use case holds back while it runs (the embedding of new skills: on 2 cores an
 * import, the model and the window would otherwise compete for the same CPU). The composition root says
 * what it is; pausing work that has not started is a no-op.
 */
public interface BackgroundWork {
    BackgroundWork NONE = new BackgroundWork() {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }
    };

    void pause();

    void resume();
}
