import { Component, type FunctionComponent, h } from "preact";

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a) as (keyof typeof a)[];
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.is(a[k], b[k]));
}

/**
 * `render` redrawn only when a prop changes (compared one by one), not whenever its parent
 * redraws: for the lists beside the capture form, which typing must not redraw. Its own
 * state and hooks (the language, a reload) still redraw it. Plain Preact: `preact/compat`'s
 * `memo` would also switch on React's event semantics for the whole app.
 */
export function pure<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props, next);
    }
    override render(props: P) {
      return h(render, props);
    }
  }
  return Pure as unknown as FunctionComponent<P>;
}
