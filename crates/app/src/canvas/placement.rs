//! Where the hover card goes: next to the hovered block, on the side where
//! it hides the fewest of its neighbours, and inside the canvas. Everything
//! here is in screen pixels.

use super::geometry::{Point, Rect};

/// The gap between the block and its card [px].
const GAP: f64 = 10.0;
/// The card keeps this far from the canvas's edges [px].
const MARGIN: f64 = 4.0;

/// The area two rectangles share [px²].
fn overlap(a: &Rect, b: &Rect) -> f64 {
    let w = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
    let h = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
    w.max(0.0) * h.max(0.0)
}

/// `value` moved into `low..=high` (to `low` when the range is empty).
fn clamp_into(value: f64, low: f64, high: f64) -> f64 {
    value.min(high).max(low)
}

/// The card's top-left corner for a card of `card` (width, height) beside
/// `block`, with `others` the neighbours' rectangles and `canvas` the
/// canvas's size. Below and above come first, since the designs flow from
/// left to right and the neighbours sit to the sides; the side wins only
/// when it hides less. Covering the hovered block itself counts most.
pub fn place_card(block: Rect, others: &[Rect], card: (f64, f64), canvas: (f64, f64)) -> Point {
    let (card_w, card_h) = card;
    let (canvas_w, canvas_h) = canvas;
    let centred_x = block.x + block.w / 2.0 - card_w / 2.0;
    let candidates = [
        Point::new(centred_x, block.y + block.h + GAP),
        Point::new(centred_x, block.y - GAP - card_h),
        Point::new(block.x + block.w + GAP, block.y),
        Point::new(block.x - GAP - card_w, block.y),
    ];
    let inside = |at: Point| {
        Point::new(
            clamp_into(at.x, MARGIN, canvas_w - card_w - MARGIN),
            clamp_into(at.y, MARGIN, canvas_h - card_h - MARGIN),
        )
    };
    let hidden = |at: Point| {
        let rect = Rect::new(at.x, at.y, card_w, card_h);
        let neighbours: f64 = others.iter().map(|other| overlap(&rect, other)).sum();
        overlap(&rect, &block) * 20.0 + neighbours
    };
    candidates
        .into_iter()
        .map(inside)
        .enumerate()
        // Ties (nothing hidden) keep the preferred order.
        .min_by(|(a_idx, a), (b_idx, b)| hidden(*a).total_cmp(&hidden(*b)).then(a_idx.cmp(b_idx)))
        .map_or(Point::new(MARGIN, MARGIN), |(_, at)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: (f64, f64) = (250.0, 240.0);
    const CANVAS: (f64, f64) = (840.0, 480.0);

    #[test]
    fn the_card_goes_below_a_block_in_a_row_of_neighbours() {
        let block = Rect::new(300.0, 100.0, 100.0, 45.0);
        let left = Rect::new(150.0, 100.0, 100.0, 45.0);
        let right = Rect::new(450.0, 100.0, 100.0, 45.0);
        let at = place_card(block, &[left, right], CARD, CANVAS);
        assert_eq!(at, Point::new(225.0, 155.0));
    }

    #[test]
    fn the_card_flips_above_near_the_bottom_and_stays_inside() {
        let block = Rect::new(5.0, 400.0, 100.0, 45.0);
        let at = place_card(block, &[], CARD, CANVAS);
        assert_eq!(at, Point::new(MARGIN, 400.0 - GAP - CARD.1));
    }

    #[test]
    fn a_neighbour_below_sends_the_card_elsewhere() {
        let block = Rect::new(300.0, 200.0, 100.0, 45.0);
        let below = Rect::new(300.0, 300.0, 100.0, 45.0);
        let above = Rect::new(300.0, 60.0, 100.0, 45.0);
        let at = place_card(block, &[below, above], CARD, CANVAS);
        let card = Rect::new(at.x, at.y, CARD.0, CARD.1);
        assert_eq!(overlap(&card, &below) + overlap(&card, &above), 0.0);
        assert_eq!(overlap(&card, &block), 0.0);
    }
}
