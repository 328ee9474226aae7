//! The shell: creates the stores, starts the simulation's worker and the
//! shortcuts, and lays out the panels. It does no work itself.

use leptos::prelude::*;
use sdplay_sim::Design;

use crate::actions::use_shortcuts;
use crate::canvas::EditorCanvas;
use crate::live::use_live;
use crate::panels::{
    Dashboard, HelpDialog, Inspector, Notices, Palette, RunControls, TemplatesMenu, Toast, Toolbar,
};
use crate::persist;
use crate::state::{EditorCtx, RunCtx};
use crate::url::{use_url_sync, UrlOptions};

const DEFAULT_TEMPLATE: &str = include_str!("../../../public/templates/default.json");

#[component]
pub fn App() -> impl IntoView {
    let options = UrlOptions::from_location();
    let (default, default_problem) = match Design::from_json(DEFAULT_TEMPLATE) {
        Ok(design) => (design, None),
        Err(error) => (
            Design::default(),
            Some(format!("the default design cannot be read:\n{error}")),
        ),
    };
    let restored = persist::restore(persist::saved_design().as_deref(), default);
    let design = restored.design;
    let load_problem = default_problem.into_iter().chain(restored.problem);

    let run = RunCtx::new(options.speed, options.seed);
    run.notices.update(|notices| {
        notices.extend(
            options
                .problems
                .iter()
                .map(|problem| format!("Ignored a URL setting: {problem}")),
        );
        notices.extend(load_problem);
    });
    let editor = EditorCtx::new(design);
    provide_context(run);
    provide_context(editor);
    let live = use_live(editor, run, &options);
    provide_context(live);
    use_shortcuts();
    use_url_sync(run);
    persist::use_autosave(editor, run);

    view! {
        <div class="sd-app">
            <header class="sd-header">
                <div class="sd-brand">
                    <span class="sd-brand__mark">"sd"</span>
                    <span class="sd-brand__name">"sdplay"</span>
                </div>
                <TemplatesMenu />
                <Toolbar />
            </header>
            <Notices />
            <main class="sd-main">
                <Palette />
                <section class="sd-stage" aria-label="Design">
                    <EditorCanvas />
                    <Toast />
                </section>
                <Inspector />
            </main>
            <div class="sd-runbar">
                <RunControls />
            </div>
            <Dashboard />
            <HelpDialog />
        </div>
    }
}
