//! Hit-testing: what is under a point of the canvas.

use sdplay_sim::{BlockId, BlockKind, Design, Link};

use super::geometry::{
    block_rect, distance_to_curve, link_curve, port, Point, Rect, Side, BLOCK_W, PORT_RADIUS,
    ZONE_HEADER,
};

/// What a pointer is over, from the top of the drawing down.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    /// A block's port.
    Port(BlockId, Side),
    /// A block's body (for a zone: its title strip or border).
    Block(BlockId),
    /// The handle at a zone's bottom-right corner.
    ZoneResize(BlockId),
    /// A link.
    Link(Link),
    /// Nothing: the canvas itself.
    Empty,
}

/// How close [world units] counts as on a port, a link or a zone's border,
/// at zoom 1; callers divide by the zoom so targets keep their screen size.
pub const PORT_REACH: f64 = 12.0;
pub const LINK_REACH: f64 = 7.0;
pub const BORDER_REACH: f64 = 6.0;

/// How far [world units] a port reaches at `scale` world units per screen
/// pixel: `PORT_REACH` screen pixels, but never more than a fifth of a
/// block's width, so that zoomed out (a phone opens at about 20%) a press
/// on a block's body selects it instead of starting a link; and never less
/// than the port as drawn.
pub fn port_reach(scale: f64) -> f64 {
    (PORT_REACH * scale).clamp(PORT_RADIUS, BLOCK_W / 5.0)
}

/// What is under `point`. `scale` is world units per screen pixel
/// (1 / zoom). Blocks later in the design are drawn on top, and blocks on
/// top of zones.
pub fn hit_test(design: &Design, point: Point, scale: f64) -> Hit {
    let blocks = || {
        design
            .blocks
            .iter()
            .rev()
            .filter(|block| block.kind() != BlockKind::Zone)
    };
    // The nearest port within reach: blocks one grid gap apart have an
    // output and an input port two units apart, and the first found would
    // often be the neighbour's.
    let reach = port_reach(scale);
    let nearest = blocks()
        .flat_map(|block| {
            [Side::Out, Side::In]
                .into_iter()
                .filter_map(move |side| Some((block, side, port(block, side)?.distance(point))))
        })
        .filter(|(_, _, distance)| *distance <= reach)
        .fold(
            None,
            |best: Option<(&sdplay_sim::Block, Side, f64)>, candidate| match best {
                Some(best) if best.2 <= candidate.2 => Some(best),
                _ => Some(candidate),
            },
        );
    if let Some((block, side, _)) = nearest {
        return Hit::Port(block.id.clone(), side);
    }
    if let Some(block) = blocks().find(|block| block_rect(block).contains(point)) {
        return Hit::Block(block.id.clone());
    }
    for link in design.links.iter().rev() {
        let (Some(from), Some(to)) = (design.block(&link.from), design.block(&link.to)) else {
            continue;
        };
        let (Some(start), Some(end)) = (port(from, Side::Out), port(to, Side::In)) else {
            continue;
        };
        if distance_to_curve(&link_curve(start, end), point) <= LINK_REACH * scale {
            return Hit::Link(link.clone());
        }
    }
    let zones = design
        .blocks
        .iter()
        .rev()
        .filter(|block| block.kind() == BlockKind::Zone);
    for zone in zones {
        let rect = block_rect(zone);
        let reach = BORDER_REACH * scale;
        let corner = Point::new(rect.x + rect.w, rect.y + rect.h);
        if corner.distance(point) <= 2.0 * reach {
            return Hit::ZoneResize(zone.id.clone());
        }
        let outer = Rect::new(
            rect.x - reach,
            rect.y - reach,
            rect.w + 2.0 * reach,
            rect.h + 2.0 * reach,
        );
        let inner = Rect::new(
            rect.x + reach,
            rect.y + ZONE_HEADER,
            rect.w - 2.0 * reach,
            rect.h - ZONE_HEADER - reach,
        );
        if outer.contains(point) && !inner.contains(point) {
            return Hit::Block(zone.id.clone());
        }
    }
    Hit::Empty
}

/// The blocks whose area meets `area` (a rubber band); zones only when the
/// band holds them whole, so a band drawn inside a zone picks its blocks.
pub fn blocks_in(design: &Design, area: &Rect) -> Vec<BlockId> {
    design
        .blocks
        .iter()
        .filter(|block| {
            let rect = block_rect(block);
            if block.kind() == BlockKind::Zone {
                area.contains(Point::new(rect.x, rect.y))
                    && area.contains(Point::new(rect.x + rect.w, rect.y + rect.h))
            } else {
                area.intersects(&rect)
            }
        })
        .map(|block| block.id.clone())
        .collect()
}

/// The zone whose area holds `point`, if any (the topmost).
pub fn zone_at(design: &Design, point: Point) -> Option<BlockId> {
    design
        .blocks
        .iter()
        .rev()
        .filter(|block| block.kind() == BlockKind::Zone)
        .find(|zone| block_rect(zone).contains(point))
        .map(|zone| zone.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sdplay_sim::Block;

    fn design() -> Design {
        let mut zone = Block::new("zone", BlockKind::Zone);
        (zone.x, zone.y) = (0.0, 0.0);
        let mut users = Block::new("users", BlockKind::Users);
        (users.x, users.y) = (40.0, 60.0);
        let mut app = Block::new("app", BlockKind::App);
        (app.x, app.y) = (600.0, 60.0);
        Design {
            name: String::new(),
            blocks: vec![zone, users, app],
            links: vec![Link::new("users", "app")],
        }
    }

    #[test]
    fn ports_blocks_links_and_zones_are_found_in_drawing_order() {
        let design = design();
        let id = |id: &str| BlockId::from(id);
        assert_eq!(
            hit_test(&design, Point::new(208.0, 98.0), 1.0),
            Hit::Port(id("users"), Side::Out)
        );
        assert_eq!(
            hit_test(&design, Point::new(100.0, 80.0), 1.0),
            Hit::Block(id("users"))
        );
        assert_eq!(
            hit_test(&design, Point::new(404.0, 98.0), 1.0),
            Hit::Link(Link::new("users", "app"))
        );
        // The zone is grabbed by its title strip; inside it is empty canvas.
        assert_eq!(
            hit_test(&design, Point::new(300.0, 10.0), 1.0),
            Hit::Block(id("zone"))
        );
        assert_eq!(hit_test(&design, Point::new(300.0, 250.0), 1.0), Hit::Empty);
        assert_eq!(
            hit_test(&design, Point::new(399.0, 299.0), 1.0),
            Hit::ZoneResize(id("zone"))
        );
        assert_eq!(hit_test(&design, Point::new(900.0, 900.0), 1.0), Hit::Empty);
    }

    #[test]
    fn the_nearest_port_wins_between_blocks_one_gap_apart() {
        let mut gateway = Block::new("gateway", BlockKind::Gateway);
        (gateway.x, gateway.y) = (530.0, 200.0);
        let mut app = Block::new("app", BlockKind::App);
        (app.x, app.y) = (700.0, 200.0);
        let design = Design {
            name: String::new(),
            blocks: vec![gateway, app],
            links: Vec::new(),
        };
        let id = |id: &str| BlockId::from(id);
        // The gateway's output port is at x 698, the app's input at 700;
        // the app is drawn on top and used to win both.
        assert_eq!(
            hit_test(&design, Point::new(698.0, 238.0), 1.0),
            Hit::Port(id("gateway"), Side::Out)
        );
        assert_eq!(
            hit_test(&design, Point::new(696.0, 240.0), 1.0),
            Hit::Port(id("gateway"), Side::Out)
        );
        assert_eq!(
            hit_test(&design, Point::new(701.0, 238.0), 1.0),
            Hit::Port(id("app"), Side::In)
        );
    }

    #[test]
    fn zoomed_out_a_press_on_the_body_selects() {
        let design = design();
        let id = |id: &str| BlockId::from(id);
        // At 21% (a phone), 12 screen pixels would be 57 world units, a
        // third of the block: a fifth is the most a port reaches.
        let scale = 1.0 / 0.21;
        assert_eq!(port_reach(scale), BLOCK_W / 5.0);
        assert_eq!(
            hit_test(&design, Point::new(40.0 + 40.0, 98.0), scale),
            Hit::Block(id("users"))
        );
        assert_eq!(
            hit_test(&design, Point::new(40.0 + BLOCK_W - 40.0, 98.0), scale),
            Hit::Block(id("users"))
        );
        assert_eq!(
            hit_test(&design, Point::new(40.0 + BLOCK_W - 20.0, 98.0), scale),
            Hit::Port(id("users"), Side::Out)
        );
        // At 100% the reach is 12 pixels, and zoomed in never below the
        // port as drawn.
        assert_eq!(port_reach(1.0), PORT_REACH);
        assert_eq!(port_reach(1.0 / 3.0), PORT_RADIUS);
    }

    #[test]
    fn a_band_picks_blocks_it_touches_and_zones_it_holds() {
        let design = design();
        let band = Rect::new(30.0, 50.0, 50.0, 50.0);
        assert_eq!(blocks_in(&design, &band), vec![BlockId::from("users")]);
        let all = Rect::new(-10.0, -10.0, 1000.0, 400.0);
        assert_eq!(blocks_in(&design, &all).len(), 3);
        assert_eq!(
            zone_at(&design, Point::new(10.0, 10.0)),
            Some(BlockId::from("zone"))
        );
    }
}
