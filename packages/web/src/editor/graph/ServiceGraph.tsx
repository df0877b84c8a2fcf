import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Connection,
  type Edge,
  type Node,
  type NodeProps,
  type NodeChange,
  applyNodeChanges,
} from '@xyflow/react';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { DesignDocument } from '../../api/types.js';
import { callsOf, servicesOf } from '../document.js';
import { layout, loadPositions, savePositions, type Point } from './layout.js';

/** What is selected in the graph: a service, or a call by its path. */
export type Selection = { kind: 'service'; name: string } | { kind: 'call'; path: string } | undefined;

type ServiceNodeData = { name: string; summary: string; selected: boolean };

function ServiceNode({ data }: NodeProps<Node<ServiceNodeData>>) {
  return (
    <div className={`service-node${data.selected ? ' selected' : ''}`}>
      <Handle type="target" position={Position.Left} aria-label={`calls into ${data.name}`} />
      <strong>{data.name}</strong>
      <div className="meta">{data.summary}</div>
      <Handle type="source" position={Position.Right} aria-label={`draw a call from ${data.name}`} />
    </div>
  );
}

const nodeTypes = { service: ServiceNode };

const POLICY_LABELS: Readonly<Record<string, string>> = {
  timeout: 'T',
  retry: 'R',
  circuitBreaker: 'CB',
  bulkhead: 'BH',
  fallback: 'FB',
  rateLimiter: 'RL',
  hedge: 'H',
};

/** The service graph: drag services, draw calls from a service's right handle to another's left. */
export function ServiceGraph(props: {
  designId: string;
  document: DesignDocument;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  onConnect: (args: { from: string; to: string }) => void;
}) {
  const { designId, document, selection, onSelect } = props;
  const services = servicesOf(document);
  const calls = useMemo(() => callsOf(document), [document]);
  const names = Object.keys(services);
  const [positions, setPositions] = useState<Record<string, Point>>(() => loadPositions(designId));
  const placed = useMemo(
    () => layout({ services: names, calls, known: positions }),
    [names.join('\n'), calls, positions],
  );
  useEffect(() => savePositions(designId, placed), [designId, placed]);

  const computed: Node<ServiceNodeData>[] = names.map((name) => {
    const s = services[name] ?? {};
    return {
      id: name,
      type: 'service',
      position: placed[name] ?? { x: 0, y: 0 },
      data: {
        name,
        summary: `${String(s['instances'] ?? 1)} × ${String(s['workers'] ?? 10)} workers`,
        selected: selection?.kind === 'service' && selection.name === name,
      },
      ariaLabel: `service ${name}`,
    };
  });
  // React Flow measures each node after it renders and hides it until then: keep what it
  // measured (and any drag in progress) across re-renders, taking the rest from the document.
  const [nodes, setNodes] = useState<Node<ServiceNodeData>[]>(computed);
  const key = JSON.stringify(computed.map((n) => [n.id, n.position, n.data]));
  useEffect(() => {
    setNodes((current) =>
      computed.map((node) => {
        const old = current.find((n) => n.id === node.id);
        return old
          ? { ...old, data: node.data, position: old.dragging ? old.position : node.position }
          : node;
      }),
    );
    // `key` stands for `computed`, which is new on every render.
  }, [key]);

  const edges: Edge[] = calls.map((c) => {
    const policies = Object.keys(POLICY_LABELS).filter((k) => c.call[k] !== undefined);
    return {
      id: c.path,
      source: c.from,
      target: c.to,
      label: policies.map((p) => POLICY_LABELS[p]).join(' · ') || undefined,
      selected: selection?.kind === 'call' && selection.path === c.path,
      markerEnd: { type: MarkerType.ArrowClosed },
      ariaLabel: `call from ${c.from} to ${c.to}`,
    };
  });

  const onNodesChange = (changes: NodeChange<Node<ServiceNodeData>>[]) => {
    setNodes((current) => applyNodeChanges(changes, current));
  };

  // The keyboard's way in: Tab reaches each service and call (React Flow makes them focusable),
  // and Enter or Space opens its panel, as a click does.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const target = event.target as Element;
    const node = target.closest<HTMLElement>('.react-flow__node');
    const edge = target.closest<SVGElement>('.react-flow__edge');
    const id = (node ?? edge)?.dataset['id'];
    if (!id) return;
    event.preventDefault();
    onSelect(node ? { kind: 'service', name: id } : { kind: 'call', path: id });
  };

  return (
    <div style={{ width: '100%', height: '100%' }} onKeyDown={onKeyDown}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        // A drag is remembered where it ends, so the layout is not recomputed on every pixel.
        onNodeDragStop={(_, node) => setPositions((current) => ({ ...current, [node.id]: node.position }))}
        onConnect={(c: Connection) =>
          c.source && c.target && props.onConnect({ from: c.source, to: c.target })
        }
        onNodeClick={(_, node) => onSelect({ kind: 'service', name: node.id })}
        onEdgeClick={(_, edge) => onSelect({ kind: 'call', path: edge.id })}
        onPaneClick={() => onSelect(undefined)}
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.3, maxZoom: 1.1 }}
        proOptions={{ hideAttribution: false }}
      >
        <Background />
        <Controls />
      </ReactFlow>
    </div>
  );
}
