//! Where things are on the canvas: points, rectangles, block and port
//! positions, the grid, and the viewport that maps the design's coordinates
//! (world) to the screen.

use sdplay_sim::design::may_call;
use sdplay_sim::{Block, BlockKind, BlockParams, Design};

/// A block's size on the canvas [world units].
pub const BLOCK_W: f64 = 168.0;
pub const BLOCK_H: f64 = 76.0;
/// Radius of a block's port as drawn [world units].
pub const PORT_RADIUS: f64 = 6.0;
/// Grid spacing blocks snap to.
pub const GRID: f64 = 20.0;
/// Height of a zone's title strip, where it is grabbed.
pub const ZONE_HEADER: f64 = 30.0;
/// The smallest zone.
pub const ZONE_MIN: f64 = sdplay_sim::design::MIN_ZONE_SIZE;
/// Zoom limits.
pub const ZOOM_MIN: f64 = 0.2;
pub const ZOOM_MAX: f64 = 3.0;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub const fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    /// The rectangle spanned by two corners, in any order.
    pub fn spanning(a: Point, b: Point) -> Rect {
        Rect::new(
            a.x.min(b.x),
            a.y.min(b.y),
            (a.x - b.x).abs(),
            (a.y - b.y).abs(),
        )
    }

    pub fn contains(&self, point: Point) -> bool {
        point.x >= self.x
            && point.x <= self.x + self.w
            && point.y >= self.y
            && point.y <= self.y + self.h
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            (self.x + self.w).max(other.x + other.w) - x,
            (self.y + self.h).max(other.y + other.h) - y,
        )
    }
}

/// The area a block covers; a zone's size is one of its settings.
pub fn block_rect(block: &Block) -> Rect {
    match &block.params {
        BlockParams::Zone(zone) => Rect::new(block.x, block.y, zone.width, zone.height),
        _ => Rect::new(block.x, block.y, BLOCK_W, BLOCK_H),
    }
}

/// The smallest rectangle around every block, if there is any.
pub fn bounds(design: &Design) -> Option<Rect> {
    design
        .blocks
        .iter()
        .map(block_rect)
        .reduce(|all, rect| all.union(&rect))
}

/// Whether anything may send requests to a block of `kind` (it has an input
/// port on its left).
pub fn has_input(kind: BlockKind) -> bool {
    BlockKind::ALL.into_iter().any(|from| may_call(from, kind))
}

/// Whether a block of `kind` sends requests on (it has an output port on
/// its right).
pub fn has_output(kind: BlockKind) -> bool {
    BlockKind::ALL.into_iter().any(|to| may_call(kind, to))
}

/// Which side of a block a port is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The input, on the left.
    In,
    /// The output, on the right.
    Out,
}

/// Where a block's port is, if it has one on that side.
pub fn port(block: &Block, side: Side) -> Option<Point> {
    let kind = block.kind();
    match side {
        Side::In if has_input(kind) => Some(Point::new(block.x, block.y + BLOCK_H / 2.0)),
        Side::Out if has_output(kind) => {
            Some(Point::new(block.x + BLOCK_W, block.y + BLOCK_H / 2.0))
        }
        _ => None,
    }
}

/// The curve of a link from `from` (an output port) to `to` (an input
/// port): the control points of a cubic Bézier.
pub fn link_curve(from: Point, to: Point) -> [Point; 4] {
    let bend = ((to.x - from.x) / 2.0).abs().max(40.0);
    [
        from,
        Point::new(from.x + bend, from.y),
        Point::new(to.x - bend, to.y),
        to,
    ]
}

/// SVG path data for a link curve.
pub fn link_path(from: Point, to: Point) -> String {
    let [a, b, c, d] = link_curve(from, to);
    format!(
        "M{:.1} {:.1} C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
        a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y
    )
}

/// A point on the curve at `t` (0 to 1).
pub fn curve_at(curve: &[Point; 4], t: f64) -> Point {
    let u = 1.0 - t;
    let [a, b, c, d] = curve;
    let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    Point::new(
        w[0] * a.x + w[1] * b.x + w[2] * c.x + w[3] * d.x,
        w[0] * a.y + w[1] * b.y + w[2] * c.y + w[3] * d.y,
    )
}

/// How far `point` is from the curve (sampled; close enough to hit-test).
pub fn distance_to_curve(curve: &[Point; 4], point: Point) -> f64 {
    (0..=32)
        .map(|step| curve_at(curve, f64::from(step) / 32.0).distance(point))
        .fold(f64::INFINITY, f64::min)
}

/// `value` on the grid.
pub fn snap(value: f64) -> f64 {
    (value / GRID).round() * GRID
}

/// Maps world coordinates to the canvas element's pixels:
/// `screen = world * zoom + pan`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub pan_x: f64,
    pub pan_y: f64,
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            pan_x: 0.0,
            pan_y: 0.0,
            zoom: 1.0,
        }
    }
}

impl Viewport {
    pub fn to_world(&self, screen: Point) -> Point {
        Point::new(
            (screen.x - self.pan_x) / self.zoom,
            (screen.y - self.pan_y) / self.zoom,
        )
    }

    pub fn to_screen(&self, world: Point) -> Point {
        Point::new(
            world.x * self.zoom + self.pan_x,
            world.y * self.zoom + self.pan_y,
        )
    }

    /// Zooms by `factor` keeping the world point under `screen` in place.
    pub fn zoomed_at(&self, screen: Point, factor: f64) -> Viewport {
        let zoom = (self.zoom * factor).clamp(ZOOM_MIN, ZOOM_MAX);
        let world = self.to_world(screen);
        Viewport {
            pan_x: screen.x - world.x * zoom,
            pan_y: screen.y - world.y * zoom,
            zoom,
        }
    }

    pub fn panned(&self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            pan_x: self.pan_x + dx,
            pan_y: self.pan_y + dy,
            ..*self
        }
    }

    /// The viewport showing all of `area` in a canvas of `width` x `height`
    /// pixels, with a margin, never zoomed in past 1.
    pub fn fitting(area: Rect, width: f64, height: f64) -> Viewport {
        const MARGIN: f64 = 40.0;
        if width <= 2.0 * MARGIN || height <= 2.0 * MARGIN {
            return Viewport::default();
        }
        let zoom = ((width - 2.0 * MARGIN) / area.w.max(1.0))
            .min((height - 2.0 * MARGIN) / area.h.max(1.0))
            .clamp(ZOOM_MIN, 1.0);
        let center = area.center();
        Viewport {
            pan_x: width / 2.0 - center.x * zoom,
            pan_y: height / 2.0 - center.y * zoom,
            zoom,
        }
    }

    /// The world area visible in a canvas of `width` x `height` pixels.
    pub fn visible(&self, width: f64, height: f64) -> Rect {
        let top_left = self.to_world(Point::new(0.0, 0.0));
        Rect::new(
            top_left.x,
            top_left.y,
            width / self.zoom,
            height / self.zoom,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_point_under_the_cursor() {
        let view = Viewport {
            pan_x: 30.0,
            pan_y: -10.0,
            zoom: 1.0,
        };
        let cursor = Point::new(200.0, 120.0);
        let before = view.to_world(cursor);
        let zoomed = view.zoomed_at(cursor, 1.5);
        assert_eq!(zoomed.zoom, 1.5);
        let after = zoomed.to_world(cursor);
        assert!(before.distance(after) < 1e-9);
        assert_eq!(zoomed.zoomed_at(cursor, 100.0).zoom, ZOOM_MAX);
    }

    #[test]
    fn fitting_shows_the_whole_area_centred() {
        let area = Rect::new(100.0, 100.0, 1600.0, 400.0);
        let view = Viewport::fitting(area, 880.0, 500.0);
        assert!((view.zoom - 0.5).abs() < 1e-9);
        let center = view.to_screen(area.center());
        assert!((center.x - 440.0).abs() < 1e-9 && (center.y - 250.0).abs() < 1e-9);
        // A small design is not blown up.
        assert_eq!(
            Viewport::fitting(Rect::new(0.0, 0.0, 100.0, 50.0), 800.0, 600.0).zoom,
            1.0
        );
    }

    #[test]
    fn ports_follow_what_a_kind_may_call() {
        let users = Block::new("u", BlockKind::Users);
        let db = Block::new("d", BlockKind::Database);
        let zone = Block::new("z", BlockKind::Zone);
        assert!(port(&users, Side::In).is_none());
        assert!(port(&users, Side::Out).is_some());
        assert!(port(&db, Side::In).is_some());
        assert!(port(&db, Side::Out).is_none());
        assert!(port(&zone, Side::In).is_none() && port(&zone, Side::Out).is_none());
    }

    #[test]
    fn snapping_and_curves() {
        assert_eq!(snap(29.0), 20.0);
        assert_eq!(snap(31.0), 40.0);
        let curve = link_curve(Point::new(0.0, 0.0), Point::new(200.0, 100.0));
        assert!(distance_to_curve(&curve, Point::new(100.0, 50.0)) < 1.0);
        assert!(distance_to_curve(&curve, Point::new(100.0, 0.0)) > 10.0);
        assert!(Rect::spanning(Point::new(5.0, 5.0), Point::new(0.0, 10.0))
            .contains(Point::new(2.0, 7.0)));
    }
}
