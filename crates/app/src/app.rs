//! The shell: creates the stores, starts the driver, lays out the panels.

use leptos::prelude::*;
use sdplay_sim::{BlockKind, BlockParams, Design};

use crate::canvas::Diagram;
use crate::panels::{Dashboard, Notices, RunControls};
use crate::sim_driver::use_sim_driver;
use crate::state::{DesignCtx, RunCtx};
use crate::url::UrlOptions;

const DEFAULT_TEMPLATE: &str = include_str!("../../../public/templates/default.json");

fn users_rate(design: &Design) -> f64 {
    design
        .blocks
        .iter()
        .find_map(|block| match &block.params {
            BlockParams::Users(users) if block.kind() == BlockKind::Users => Some(users.rate_rps),
            _ => None,
        })
        .unwrap_or(0.0)
}

#[component]
pub fn App() -> impl IntoView {
    let options = UrlOptions::from_location();
    let (design, load_problem) = match Design::from_json(DEFAULT_TEMPLATE) {
        Ok(design) => (design, None),
        Err(error) => (
            Design::default(),
            Some(format!("the default design cannot be read:\n{error}")),
        ),
    };

    let run = RunCtx::new(options.speed, users_rate(&design));
    run.notices.update(|notices| {
        notices.extend(
            options
                .problems
                .iter()
                .map(|problem| format!("Ignored a URL setting: {problem}")),
        );
        notices.extend(load_problem);
    });
    if let Err(message) = use_sim_driver(&design, options.seed, options.pause_at, run) {
        run.running.set(false);
        run.notices.update(|notices| notices.push(message));
    }
    provide_context(run);
    provide_context(DesignCtx {
        design: RwSignal::new(design),
    });

    view! {
        <div class="sd-app">
            <header class="sd-header">
                <div class="sd-brand">
                    <span class="sd-brand__mark">"sd"</span>
                    <span class="sd-brand__name">"sdplay"</span>
                    <span class="sd-brand__tagline">"system design playground"</span>
                </div>
                <RunControls />
            </header>
            <Notices />
            <main class="sd-main">
                <section class="sd-stage" aria-label="Design">
                    <Diagram />
                </section>
                <Dashboard />
            </main>
        </div>
    }
}
