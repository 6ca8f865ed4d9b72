// A logistic regression, for eval/ceiling.ts: how well any weighting of a set of pair features separates
// gold pairs from the rest. Plain batch gradient descent on standardized features, L2-regularized and
// deterministic. ml-logistic-regression was read and installed: it neither standardizes nor regularizes, and
// it runs a fixed 50,000 full passes by default where about 1,500 suffice; these lines train in seconds.

export interface LogisticModel {
  /** The probability that a pair with these features is a gold pair. */
  probability(features: readonly number[]): number;
}

export function trainLogistic(features: readonly (readonly number[])[], labels: readonly boolean[], options: { steps?: number; rate?: number; l2?: number } = {}): LogisticModel {
  const { steps = 1_500, rate = 0.5, l2 = 0.01 } = options;
  const count = features.length;
  const width = features[0]?.length ?? 0;
  const mean = new Float64Array(width);
  const spread = new Float64Array(width);
  for (const row of features) for (let column = 0; column < width; column++) mean[column]! += row[column]! / count;
  for (const row of features) for (let column = 0; column < width; column++) spread[column]! += (row[column]! - mean[column]!) ** 2 / count;
  for (let column = 0; column < width; column++) spread[column] = Math.sqrt(spread[column]!) || 1;
  // Standardized rows in one flat array: the loop below runs over it thousands of times.
  const rows = new Float64Array(count * width);
  features.forEach((row, index) => {
    for (let column = 0; column < width; column++) rows[index * width + column] = (row[column]! - mean[column]!) / spread[column]!;
  });
  const weights = new Float64Array(width);
  const gradient = new Float64Array(width);
  let bias = 0;
  for (let step = 0; step < steps; step++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let index = 0; index < count; index++) {
      const offset = index * width;
      let linear = bias;
      for (let column = 0; column < width; column++) linear += rows[offset + column]! * weights[column]!;
      const error = sigmoid(linear) - (labels[index] ? 1 : 0);
      for (let column = 0; column < width; column++) gradient[column]! += error * rows[offset + column]!;
      biasGradient += error;
    }
    for (let column = 0; column < width; column++) weights[column]! -= rate * (gradient[column]! / count + l2 * weights[column]!);
    bias -= (rate * biasGradient) / count;
  }
  return {
    probability(row) {
      let linear = bias;
      for (let column = 0; column < width; column++) linear += ((row[column]! - mean[column]!) / spread[column]!) * weights[column]!;
      return sigmoid(linear);
    },
  };
}

const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));
