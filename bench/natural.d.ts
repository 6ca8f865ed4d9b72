// natural's Dice coefficient, imported by its file: the package's index loads dotenv, databases and files.
declare module "natural/lib/natural/distance/dice_coefficient.js" {
  export default function diceCoefficient(a: string, b: string): number;
}
